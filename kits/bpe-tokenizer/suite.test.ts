import { test } from '../../src/harness/prop.ts';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/bpe-tokenizer';
import { decode, encode, train } from '@impl/bpe-tokenizer';
import { anyText, deBruijnText, encodeInput, randomAscii, tokenText, trainInput, wellFormedText } from './inputs.ts';
import { type Pair, oracleEncode, oracleTrain, tokenBytes, utf8Bytes, wellFormed } from './oracle.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

type Merges = Parameters<typeof encode>[1];
const merges = (...pairs: Pair[]): Merges => pairs as Merges;
const show = (s: string): string => JSON.stringify(s);

/** The prompt's budget for train: 24·(N + 1)·⌈log2(N + 2)⌉ steps for N UTF-8 bytes. */
function budget(n: number): { steps: number; rule: string } {
  return { steps: 24 * (n + 1) * Math.ceil(Math.log2(n + 2)), rule: `24·(N + 1)·⌈log2(N + 2)⌉ for N = ${n}` };
}

function trainWithinBudget(text: string, vocabSize: number): Pair[] {
  const n = utf8Bytes(text).length;
  return expectWithinBudget(() => counted.train(text, vocabSize), budget(n)).merges as Pair[];
}

/** Every merge i holds two integer ids below 256 + i (what encode and decode accept). */
function expectWellFormedMerges(learned: readonly Pair[], what: string): void {
  learned.forEach((pair, i) => {
    expect(Array.isArray(pair) && pair.length === 2, `${what}: merges[${i}] is a pair`).toBe(true);
    for (const id of pair) expect(Number.isInteger(id) && id >= 0 && id < 256 + i, `${what}: merges[${i}]`).toBe(true);
  });
}

describe('bpe-tokenizer: train, worked examples', () => {
  test('"aaabdaaabac" with vocabSize 259: (a,a), then the tie (a,b) over (256,a), then (256,257)', () => {
    expect(train('aaabdaaabac', 259).merges).toEqual([
      [97, 97],
      [97, 98],
      [256, 257],
    ]);
  });

  test('"aaabdaaabac" stops after 3 merges even with vocabSize 300: every pair left occurs once', () => {
    expect(train('aaabdaaabac', 300).merges).toHaveLength(3);
  });

  test('vocabSize 256 learns no merge; vocabSize 257 learns exactly one ("aaabdaaabac")', () => {
    expect(train('aaabdaaabac', 256).merges, 'vocabSize 256').toEqual([]);
    expect(train('aaabdaaabac', 257).merges, 'vocabSize 257').toEqual([[97, 97]]);
  });

  test('ties go to the smaller first id, not the pair seen first: "cdcdabab" learns (a,b) before (c,d)', () => {
    expect(train('cdcdabab', 300).merges).toEqual([
      [97, 98],
      [99, 100],
    ]);
  });

  test('ties with the same first id go to the smaller second id: "acacabab" learns (a,b) before (a,c)', () => {
    expect(train('acacabab', 300).merges).toEqual([
      [97, 98],
      [97, 99],
    ]);
  });

  test('ties compare the first id before the second: "adadbcbc" learns (a,d) before (b,c)', () => {
    expect(train('adadbcbc', 300).merges).toEqual([
      [97, 100],
      [98, 99],
    ]);
  });

  test('a higher count beats a smaller pair: "zzzzabab" learns (z,z) (count 3) before (a,b) (count 2)', () => {
    expect(train('zzzzabab', 300).merges).toEqual([
      [122, 122],
      [97, 98],
    ]);
    expect(train('babab', 300).merges, '"babab": (a,b) and (b,a) both twice').toEqual([[97, 98]]);
  });

  test('a pair whose count drops stays a candidate at its new count: "aababaaab" learns (a,a) (3, the tie over (a,b) 3), then (a,b) at 2', () => {
    // After (a,a): 256 b a b 256 a b, where (a,b) occurs twice and every other pair once.
    expect(oracleTrain('aababaaab', 300).merges, 'oracle').toEqual([
      [97, 97],
      [97, 98],
    ]);
    expect(train('aababaaab', 300).merges).toEqual([
      [97, 97],
      [97, 98],
    ]);
  });

  test('overlapping pairs count: "aaa" has (a,a) twice, so it is learned', () => {
    expect(train('aaa', 300).merges).toEqual([[97, 97]]);
  });

  test('merging fuses left to right without overlap: "aaaa" becomes 256 256 (then nothing repeats), "a"×8 learns (256,256)', () => {
    expect(train('aaaa', 300).merges, '"aaaa"').toEqual([[97, 97]]);
    expect(train('aaaaaaaa', 300).merges, '"aaaaaaaa"').toEqual([
      [97, 97],
      [256, 256],
    ]);
    expect(train('aaaaa', 300).merges, '"aaaaa": 256 256 a').toEqual([[97, 97]]);
  });

  test('a pair that occurs once is never merged: "abcd", "ab", "a" and "" learn nothing', () => {
    for (const text of ['abcd', 'ab', 'a', '']) expect(train(text, 1000).merges, show(text)).toEqual([]);
  });

  test('training runs on UTF-8 bytes: "中中" (228 184 173 twice) learns (184,173) (the tie over (228,184)), then (228,256)', () => {
    expect(train('中中', 300).merges).toEqual([
      [184, 173],
      [228, 256],
    ]);
  });

  test('a huge vocabSize only means "until no pair repeats": vocabSize 10^9 on "abab"', () => {
    expect(train('abab', 1e9).merges).toEqual([[97, 98]]);
  });
});

describe('bpe-tokenizer: encode and decode, worked examples', () => {
  test('minbpe\'s example: "aaabdaaabac" encodes to [258, 100, 258, 97, 99] with its own merges', () => {
    const m = merges([97, 97], [97, 98], [256, 257]);
    expect(encode('aaabdaaabac', m)).toEqual([258, 100, 258, 97, 99]);
    expect(decode([258, 100, 258, 97, 99], m)).toBe('aaabdaaabac');
  });

  test('encode with no merges gives the UTF-8 bytes: "é" [195,169], "中" [228,184,173], "😀" [240,159,152,128]', () => {
    expect(encode('é', []), 'é').toEqual([195, 169]);
    expect(encode('中', []), '中').toEqual([228, 184, 173]);
    expect(encode('😀', []), '😀').toEqual([240, 159, 152, 128]);
    expect(encode('', []), 'the empty string').toEqual([]);
  });

  test('a lone surrogate encodes as U+FFFD: "\\uD800" is [239, 191, 189], "a\\uDC00b" too in the middle', () => {
    expect(encode('\uD800', [])).toEqual([239, 191, 189]);
    expect(encode('a\uDC00b', [])).toEqual([97, 239, 191, 189, 98]);
  });

  test('encode merges by lowest rank, not left to right: "abc" with merges (b,c), (a,b) is [97, 256]', () => {
    expect(encode('abc', merges([98, 99], [97, 98]))).toEqual([97, 256]);
    expect(encode('abc', merges([97, 98], [98, 99])), 'ranks the other way').toEqual([256, 99]);
    expect(encode('xbcab', merges([97, 98], [98, 99])), '"xbcab": (a,b) later in the text, lower rank').toEqual([
      120, 257, 256,
    ]);
  });

  test('the same pair twice in merges: the lower rank wins, "ab" with (a,b), (a,b) is [256]', () => {
    expect(encode('ab', merges([97, 98], [97, 98]))).toEqual([256]);
  });

  test('the byte 0 is an id like any other: "\\0\\0" with the merge (0,0) is [256] and decodes back', () => {
    expect(encode('\0\0', merges([0, 0]))).toEqual([256]);
    expect(decode([256, 0], merges([0, 0]))).toBe('\0\0\0');
  });

  test('encode fuses an (a,a) run from its left end: "aaa" is [256, 97], "aaaaa" [257, 97] with (a,a), (256,256)', () => {
    expect(encode('aaa', merges([97, 97])), '"aaa"').toEqual([256, 97]);
    expect(encode('aaaaa', merges([97, 97], [256, 256])), '"aaaaa"').toEqual([257, 97]);
  });

  test('a merge whose parts never meet is skipped, later ones still apply: "ab" with (x,y), (a,b) is [257]', () => {
    expect(encode('ab', merges([120, 121], [97, 98]))).toEqual([257]);
  });

  test('decode joins the bytes first: a character split over two tokens, decode([228, 256], [(184,173)]), is "中"', () => {
    expect(decode([228, 256], merges([184, 173]))).toBe('中');
  });

  test('decode replaces invalid UTF-8 with U+FFFD: [228, 184] (cut), [255], [97, 128, 98]', () => {
    expect(decode([228, 184], []), '[228, 184]').toBe('\uFFFD');
    expect(decode([255], []), '[255]').toBe('\uFFFD');
    expect(decode([97, 128, 98], []), '[97, 128, 98]').toBe('a\uFFFDb');
  });

  test('decode keeps a leading byte order mark: [239, 187, 191, 97] is "\\uFEFFa"', () => {
    expect(decode([239, 187, 191, 97], [])).toBe('\uFEFFa');
    expect(decode(encode('\uFEFF', []), []), 'U+FEFF alone').toBe('\uFEFF');
  });

  test('decode of no ids is the empty string', () => {
    expect(decode([], merges([97, 97]))).toBe('');
  });
});

describe('bpe-tokenizer: bad input', () => {
  const notStrings: unknown[] = [undefined, null, 5, ['a'], new String('a')];
  const notNumbers: unknown[] = [undefined, null, '300', 300n, true, [300]];

  test('train: text that is not a string throws TypeError: undefined, null, 5, ["a"], new String("a")', () => {
    for (const text of notStrings)
      expect(() => train(text as string, 300), `train(${String(text)}, 300)`).toThrow(TypeError);
  });

  test("train: vocabSize that is not a number throws TypeError: undefined, null, '300', 300n, true, [300]", () => {
    for (const v of notNumbers) expect(() => train('abab', v as number), `vocabSize ${String(v)}`).toThrow(TypeError);
  });

  test('train: vocabSize below 256 or not an integer throws RangeError: 255, 0, -1, 256.5, NaN, ±Infinity', () => {
    for (const v of [255, 0, -1, 256.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => train('abab', v), `vocabSize ${v}`).toThrow(RangeError);
    }
  });

  test('encode: text that is not a string throws TypeError', () => {
    for (const text of notStrings)
      expect(() => encode(text as string, []), `encode(${String(text)})`).toThrow(TypeError);
  });

  for (const [name, call] of [
    ['encode', (m: unknown) => encode('ab', m as Merges)],
    ['decode', (m: unknown) => decode([97], m as Merges)],
  ] as const) {
    test(`${name}: merges that is not an array of pairs throws TypeError: null, {}, "ab", [97, 98], [[97]], [[97, 98, 99]], [["a", "b"]]`, () => {
      for (const m of [null, undefined, {}, 'ab', [97, 98], [[97]], [[97, 98, 99]], [['a', 'b']], [[97, null]]]) {
        expect(() => call(m), `${name} with merges ${JSON.stringify(m)}`).toThrow(TypeError);
      }
    });

    test(`${name}: a merge id that is not an integer below 256 + i throws RangeError: [[256, 97]], [[97, 98], [97, 258]], [[-1, 97]], [[97.5, 98]], [[NaN, 97]]`, () => {
      const bad = [
        [[256, 97]],
        [
          [97, 98],
          [97, 258],
        ],
        [
          [97, 98],
          [257, 97],
        ],
        [[-1, 97]],
        [[97.5, 98]],
        [[Number.NaN, 97]],
      ];
      for (const m of bad) expect(() => call(m), `${name} with merges ${JSON.stringify(m)}`).toThrow(RangeError);
      expect(
        call([
          [97, 98],
          [256, 97],
        ]),
        `${name}: merges[1] may use 256`,
      ).toBeDefined();
    });
  }

  test('decode: ids that is not an array throws TypeError: null, "abc", 97, a Set of ids', () => {
    for (const ids of [null, undefined, 'abc', 97, new Set([97])])
      expect(() => decode(ids as unknown as number[], []), `decode(${String(ids)})`).toThrow(TypeError);
  });

  test("decode: an id that is not a number throws TypeError: '97', null, undefined, 97n", () => {
    for (const id of ['97', null, undefined, 97n])
      expect(() => decode([97, id as unknown as number], []), `id ${String(id)}`).toThrow(TypeError);
  });

  test('decode: an id outside [0, 256 + merges.length) or not an integer throws RangeError: 256 with no merges, 257 with one, -1, 1.5, NaN', () => {
    expect(() => decode([256], []), '256 with no merges').toThrow(RangeError);
    expect(() => decode([97, 257], merges([97, 97])), '257 with one merge').toThrow(RangeError);
    for (const id of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => decode([id], []), `id ${id}`).toThrow(RangeError);
    expect(decode([256], merges([97, 97])), '256 with one merge is fine').toBe('aa');
  });
});

describe('bpe-tokenizer: properties against the minbpe-style oracle', () => {
  test.prop([trainInput])(
    'train learns the same merges as recounting every pair before every merge',
    ({ text, vocabSize }) => {
      expect(train(text, vocabSize).merges, `train(${show(text)}, ${vocabSize})`).toEqual(
        oracleTrain(text, vocabSize).merges,
      );
    },
  );

  test.prop([trainInput])(
    'encoding the training text gives the sequence training ended with',
    ({ text, vocabSize }) => {
      const { merges: learned, ids } = oracleTrain(text, vocabSize);
      expect(encode(text, learned as Merges), `encode(${show(text)}) with its ${learned.length} merges`).toEqual(ids);
    },
  );

  test.prop([encodeInput])(
    "encode of any text with any learned merges matches minbpe's encode",
    ({ corpus, vocabSize, text }) => {
      const learned = oracleTrain(corpus, vocabSize).merges;
      expect(encode(text, learned as Merges), `encode(${show(text)}) with the merges of ${show(corpus)}`).toEqual(
        oracleEncode(text, learned),
      );
    },
  );

  test.prop([encodeInput])(
    'decode(encode(s)) is s for well-formed s, and wellFormed(s) (lone surrogates as U+FFFD) for any s',
    ({ corpus, vocabSize, text }) => {
      const learned = oracleTrain(corpus, vocabSize).merges as Merges;
      expect(decode(encode(text, learned), learned), `round trip of ${show(text)}`).toBe(wellFormed(text));
    },
  );

  test.prop([wellFormedText, tokenText])(
    'a well-formed string round-trips exactly (CJK, emoji, BOM)',
    (text, corpus) => {
      const learned = oracleTrain(corpus + text + text, 300).merges as Merges;
      expect(decode(encode(text, learned), learned), show(text)).toBe(text);
    },
  );

  test.prop([anyText, tokenText])('decode of any ids is the UTF-8 decoding of their bytes joined', (text, corpus) => {
    const learned = oracleTrain(corpus, 300).merges;
    const ids = [...utf8Bytes(text)].map((byte, i) =>
      i % 3 === 0 && learned.length > 0 ? 256 + (byte % learned.length) : byte,
    );
    const bytes = ids.flatMap((id) => tokenBytes(id, learned));
    const expected = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes));
    expect(decode(ids, learned as Merges), `decode(${JSON.stringify(ids)})`).toBe(expected);
  });
});

describe('bpe-tokenizer: train, work budget (24·(N + 1)·⌈log2(N + 2)⌉ steps for N bytes)', () => {
  test("a de Bruijn corpus over 40 symbols, twice (N = 3202, about 1600 merges): the oracle's merges, within budget", () => {
    const text = deBruijnText(40).repeat(2);
    const learned = trainWithinBudget(text, 1e9);
    const expected = oracleTrain(text, 1e9).merges;
    expect(learned.length, 'number of merges').toBe(expected.length);
    const i = learned.findIndex((pair, j) => JSON.stringify(pair) !== JSON.stringify(expected[j]));
    expect(
      i,
      `first merge that differs from the oracle (${JSON.stringify(learned[i])} vs ${JSON.stringify(expected[i])})`,
    ).toBe(-1);
  });

  test('a de Bruijn corpus over 70 symbols, twice (N = 9802, about 4900 merges): within budget (recounting all pairs per merge costs about 29 times the budget)', () => {
    const text = deBruijnText(70).repeat(2);
    const learned = trainWithinBudget(text, 1e9);
    expectWellFormedMerges(learned, 'de Bruijn 70');
    expect(learned.length, 'about one merge per character').toBeGreaterThan(4800);
    expect(decode(encode(text.slice(0, 200), learned as Merges), learned as Merges), 'round trip').toBe(
      text.slice(0, 200),
    );
  });

  test('2·10^4 random characters over 90 symbols (about 2000 merges): within budget (a scan of all pairs per merge costs far more)', () => {
    const text = randomAscii(20_000, 90, 7);
    const learned = trainWithinBudget(text, 1e9);
    expectWellFormedMerges(learned, 'random 90');
    expect(learned.length).toBeGreaterThan(1500);
  });

  test('"a" × 2·10^4 (overlapping runs, 14 merges): within budget, (a,a) then (256,256), (257,257), …', () => {
    const learned = trainWithinBudget('a'.repeat(20_000), 1e9);
    expect(learned).toEqual(oracleTrain('a'.repeat(20_000), 1e9).merges);
  });

  test('a vocabSize below what the text allows stops there: 500 merges of the random corpus, the first 500 of the full run', () => {
    const text = randomAscii(20_000, 90, 7);
    const some = trainWithinBudget(text, 756);
    expect(some).toHaveLength(500);
    expect(some).toEqual(train(text, 1e9).merges.slice(0, 500));
  });
});
