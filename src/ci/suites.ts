/** Prints the hidden-suite paths of one kind of kata (`tensor` or `algorithm`), one per line, for shell use. */
import { suitePath } from '../paths.ts';
import { KATAS } from '../registry.ts';

const kind = process.argv[2];
if (kind !== 'tensor' && kind !== 'algorithm') {
  console.error('usage: tsx src/ci/suites.ts tensor|algorithm');
  process.exit(2);
}
for (const kata of KATAS.filter((k) => k.kind === kind)) console.log(suitePath(kata.slug));
