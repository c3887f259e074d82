// Your own properties for retrieval-metrics. Run them: npm run kata -- selftest retrieval-metrics
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest retrieval-metrics
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Properties } from '../../src/harness/properties.ts';
import { metricCase, relevantArg } from '../../kits/retrieval-metrics/inputs.ts';
import type * as Kata from './retrieval-metrics.ts';

const properties: Properties<typeof Kata> = ({ precisionAtK }) => [
  {
    name: 'precision@k counts the relevant ids among ranked.slice(0, k) and divides by k',
    property: fc.property(metricCase, (c) => {
      const rel = new Set(c.relevant);
      const hits = c.ranked.slice(0, c.k).filter((id) => rel.has(id)).length;
      const got = precisionAtK(c.ranked, relevantArg(c), c.k);
      assert.ok(Math.abs(got - hits / c.k) < 1e-12, `${JSON.stringify(c)}: got ${got}, expected ${hits / c.k}`);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - recallAtK (metricCase): hits / |distinct relevant|, 0 when nothing is relevant; never decreases in k
  //   recallAtK：命中数 / 不同相关 id 的个数，没有相关 id 时为 0；随 k 不减
  // - reciprocalRank / meanReciprocalRank (mrrCase): 1 / (first relevant index + 1), the mean over queries
  //   reciprocalRank / meanReciprocalRank（mrrCase）：1 / (第一个相关下标 + 1)，对查询取平均
  // - ndcgAtK (ndcgCase): in [0, 1]; 1 for the ranking sorted by grade; a literal DCG / ideal DCG loop
  //   ndcgAtK（ndcgCase）：在 [0, 1] 内；按等级排好的排序为 1；按字面公式 DCG / 理想 DCG 对照
  // - cosineTopK (cosineCase): equals scoring everything and sorting (score desc, lower index first);
  //   scaling vectors by powers of 2 changes nothing; the work for n = 10^5, k = 2 (tools.measure)
  //   cosineTopK（cosineCase）：与全部打分再排序一致（得分降序、下标小的优先）；向量乘以 2 的幂不变；
  //   用 tools.measure 统计 n = 10^5、k = 2 时的步数
];

export default properties;
