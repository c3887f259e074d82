// Your own properties for bpe-tokenizer. Run them: npm run kata -- selftest bpe-tokenizer
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest bpe-tokenizer
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenText, trainInput } from '../../kits/bpe-tokenizer/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './bpe-tokenizer.ts';

const properties: Properties<typeof Kata> = ({ train, encode, decode }) => [
  {
    name: 'decode(encode(s)) is s for a string without lone surrogates',
    property: fc.property(trainInput, tokenText, ({ text, vocabSize }, s) => {
      const { merges } = train(text, vocabSize);
      const plain = s.replaceAll('\uD800', '');
      assert.equal(decode(encode(plain, merges), merges), plain);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: recount all pairs before every merge (minbpe's loop); train must learn the same merges
  //   对照：每次合并前重新统计所有字节对（minbpe 的循环）；train 必须学到相同的合并规则
  // - merge i only uses ids below 256 + i; a smaller vocabSize gives a prefix of the merges
  //   第 i 条规则只用小于 256 + i 的 id；较小的 vocabSize 得到合并规则的前缀
  // - with vocabSize 1e9, encode(text, train(text, 1e9).merges) has no pair that occurs twice
  //   vocabSize 为 1e9 时，encode(text, train(text, 1e9).merges) 中没有出现两次的字节对
  // - work: the second argument is { counted, measure }; counted.train(deBruijnText(40).repeat(2), 1e9)
  //   must stay within 24·(N + 1)·⌈log2(N + 2)⌉ steps
  //   工作量：第二个参数是 { counted, measure }；counted.train(deBruijnText(40).repeat(2), 1e9)
  //   不能超过 24·(N + 1)·⌈log2(N + 2)⌉ 步
];

export default properties;
