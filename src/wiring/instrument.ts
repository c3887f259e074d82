import { type Node, parse } from 'acorn';
import { full } from 'acorn-walk';
import { transformSync } from 'esbuild';
import MagicString from 'magic-string';

/**
 * Instruments a module (JavaScript, after TypeScript is stripped) for the work counter of
 * src/harness/work.ts: every function body and every loop body starts with one step, spreads and
 * `new Map(xs)`, `new Set(xs)`, `new Float64Array(xs)`… charge what they copy. Positions are kept
 * (a source map is returned, and the prelude shares the first line), so stack traces still point at
 * the learner's own lines.
 */
const METER = '__kataWork';
/**
 * Constructors that copy a collection given as their first argument (`new Float64Array(xs)` copies
 * xs; `new Float64Array(n)` or a view of a buffer copies nothing and is charged nothing).
 */
const COPYING_CONSTRUCTORS = new Set([
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
]);

interface Span {
  readonly start: number;
  readonly end: number;
}
type AnyNode = Node & Record<string, unknown>;

export function instrument(
  code: string,
  id: string,
  runtime: string,
): { code: string; map: ReturnType<MagicString['generateMap']> } {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  const out = new MagicString(code);
  const stepCall = `${METER}.step();`;

  /** Puts a step first in a block body, or makes a single-statement body a block that starts with one. */
  const stepAtStartOf = (body: AnyNode) => {
    if (body.type === 'BlockStatement') out.appendLeft(body.start + 1, stepCall);
    else {
      out.prependRight(body.start, `{${stepCall}`);
      out.appendLeft(body.end, '}');
    }
  };
  const wrapIn = (fn: string, node: Span) => {
    out.prependRight(node.start, `${METER}.${fn}(`);
    out.appendLeft(node.end, ')');
  };

  // StrykerJS's mutation switching adds helper functions (stryMutAct_…, stryCov_…) to the mutated
  // reference: they are not the solution's work.
  const skipped: Span[] = [];
  full(ast, (raw) => {
    const node = raw as AnyNode;
    const name = (node.id as AnyNode | null | undefined)?.name;
    if (node.type === 'FunctionDeclaration' && typeof name === 'string' && /^stry[A-Z]/.test(name)) skipped.push(node);
  });
  const isSkipped = (node: Span) => skipped.some((span) => node.start >= span.start && node.end <= span.end);

  full(ast, (raw) => {
    const node = raw as AnyNode;
    if (isSkipped(node)) return;
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const body = node.body as AnyNode;
        if (body.type === 'BlockStatement') out.appendLeft(body.start + 1, stepCall);
        else {
          // `x => expr` becomes `x => (step, expr)`: still an expression body, same value.
          out.prependRight(body.start, `(${METER}.step(), `);
          out.appendLeft(body.end, ')');
        }
        break;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        stepAtStartOf(node.body as AnyNode);
        break;
      case 'ArrayExpression':
      case 'CallExpression':
      case 'NewExpression': {
        const items = (node.type === 'ArrayExpression' ? node.elements : node.arguments) as (AnyNode | null)[];
        for (const item of items) {
          if (item?.type === 'SpreadElement') wrapIn('spread', item.argument as AnyNode);
        }
        const callee = node.callee as AnyNode | undefined;
        const first = items[0];
        if (
          node.type === 'NewExpression' &&
          callee?.type === 'Identifier' &&
          COPYING_CONSTRUCTORS.has(callee.name as string) &&
          first &&
          first.type !== 'SpreadElement'
        ) {
          wrapIn('spread', first);
        }
        break;
      }
      case 'ObjectExpression':
        for (const property of node.properties as AnyNode[]) {
          if (property.type === 'SpreadElement') wrapIn('spreadObject', property.argument as AnyNode);
        }
        break;
    }
  });

  out.prepend(`import * as ${METER} from ${JSON.stringify(runtime)};`);
  return { code: out.toString(), map: out.generateMap({ source: id, includeContent: true, hires: true }) };
}

/**
 * The same for a TypeScript file outside vite (`kata selftest` loads modules through tsx): strip
 * the types with esbuild, then instrument. Returns JavaScript that imports the counter from
 * `runtime` and the file's own relative imports from where the file is.
 */
export function instrumentTypeScript(source: string, file: string, runtime: string): string {
  const { code } = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: file });
  return instrument(code, file, runtime).code;
}
