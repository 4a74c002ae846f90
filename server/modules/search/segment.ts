import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { hideNumbers } from '../../core/numbers.js';
import { vocabulary, vocabularyDict, vocabularyIdf } from './vocabulary.js';

/**
 * Chinese word segmentation for the one search: jieba with the committee vocabulary, the same cut on
 * both sides (the index and the query), and the words that make an item's "similar items".
 */

/** Bump when the dictionary, the vocabulary or the rules below change: rows with an older version are re-indexed (search.reindex.ts). */
export const DICT_VERSION = 3;

const jieba = Jieba.withDict(dict);
jieba.loadDict(Buffer.from(vocabularyDict()));
const tfidf = TfIdf.withDict(idf);
tfidf.loadDict(Buffer.from(vocabularyIdf()));

/** Text with every long number (phone, ID, account: core/numbers.ts) replaced by ***: such numbers are personal data and never searchable or shown. */
export const maskNumbers = (text: string) => hideNumbers(text, '***');

const NOT_WORD = /[^\p{Script=Han}\p{L}\p{N}]/gu;
/** A token as stored in the index: lower case, half-width, letters and digits only. */
const tokenOf = (w: string) => w.normalize('NFKC').toLowerCase().replace(NOT_WORD, '');
const length = (w: string) => [...w].length;

/** Vocabulary words of 4 or more characters: search mode emits only 2- and 3-character parts of a longer word. */
const LONG_WORDS = vocabulary().filter((w) => length(w) >= 4);

/**
 * Words of a text for the index: jieba's search mode (门牌号 → 门牌 牌号 门牌号), plus the vocabulary's
 * longer words inside a longer one (社情民意信息 → 社情民意), punctuation dropped, long numbers removed.
 */
export function segmentForIndex(text: string): string {
  const out: string[] = [];
  for (const w of jieba.cutForSearch(maskNumbers(text), true)) {
    const t = tokenOf(w);
    if (!t) continue;
    out.push(t);
    if (length(t) >= 5) for (const v of LONG_WORDS) if (v !== t && t.includes(v)) out.push(v);
  }
  return out.join(' ');
}

/** Words that say nothing about what a concern is about. */
const STOP = new Set(
  ('的 了 是 在 我 我们 你 您 他 她 它 他们 大家 有 和 与 及 也 都 就 不 没 没有 很 还 又 再 这 那 这个 那个 这些 个 上 下 中 里 一 一个 ' +
    '把 被 让 给 对 从 到 为 请 吗 呢 吧 啊 着 过 等 或 而 但 如果 因为 所以 已经 一直 现在 目前 希望 能 能否 可以 要 会 想 什么 怎么 ' +
    '问题 情况 反映 群众 居民 村民 相关 有关 部门 解决 尽快 多次 附近 出行 影响 政府 领导 及时 进行 建议 存在 造成 导致 非常 特别 ' +
    '比较 一些 很多 每天 经常 时候 希望 帮助 帮忙 关注 重视 落实 处理 答复').split(' '),
);

export interface QueryTerm {
  /** the word as the query's own cut gives it */
  word: string;
  /**
   * Shorter words of the index that together cover it (垃圾清运 → 垃圾 清运): an item containing all of
   * them matches too. Empty when they do not cover it (自来水 → 自来 leaves 水 out).
   */
  parts: string[];
}

/** Search-mode sub-words that cover every character of the word, fewest first from the left; [] if they cannot. */
function coveringParts(word: string): string[] {
  const chars = [...word];
  if (chars.length < 3) return [];
  const subs: { w: string; start: number; end: number }[] = [];
  for (const s of new Set(jieba.cutForSearch(word, true).map(tokenOf))) {
    if (s === word || length(s) < 2) continue;
    for (let i = word.indexOf(s); i >= 0; i = word.indexOf(s, i + 1)) {
      const start = length(word.slice(0, i));
      subs.push({ w: s, start, end: start + length(s) });
    }
  }
  const parts: string[] = [];
  for (let at = 0; at < chars.length; ) {
    const next = subs.filter((s) => s.start <= at && s.end > at).sort((a, b) => b.end - a.end)[0];
    if (!next) return [];
    parts.push(next.w);
    at = next.end;
  }
  return [...new Set(parts)];
}

/**
 * What a query looks for: its words (jieba's precise cut, so 门牌 stays 门牌 and does not match 牌照),
 * without stop-words and single characters (they match only where jieba happened to leave them alone).
 * Empty when nothing useful is left (灯, 亮了): the caller falls back to a title match.
 */
export function queryTerms(q: string): QueryTerm[] {
  const words = jieba
    .cut(maskNumbers(q), true)
    .map(tokenOf)
    .filter((w) => length(w) >= 2 && !STOP.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)].slice(0, 8).map((word) => ({ word, parts: coveringParts(word) }));
}

/** A lexeme quoted for to_tsquery: user text never reaches the tsquery syntax unquoted. */
const lexeme = (w: string) => `'${w.replace(/['\\]/g, '\\$&')}'`;
const termQuery = (t: QueryTerm) => (t.parts.length ? `(${lexeme(t.word)} | ${t.parts.map(lexeme).join(' & ')})` : lexeme(t.word));

/** to_tsquery('simple', …) text: every term must match. */
export const allOf = (terms: QueryTerm[]) => terms.map(termQuery).join(' & ');
/** to_tsquery('simple', …) text: any of the words matches (similar items). */
export const anyOf = (words: string[]) => words.map(lexeme).join(' | ');

/** The strings to mark in a matched text: each term and the parts that may stand for it. */
export const highlightWords = (terms: QueryTerm[]) => [...new Set(terms.flatMap((t) => [t.word, ...t.parts]))];

/**
 * The distinctive words of an item, for "similar items", most distinctive first, with their TF-IDF
 * weight (jieba's dictionary frequencies, the title counted twice); stop-words, single characters and
 * numbers left out.
 */
export function keywordsOf(title: string, body: string, count = 8): { word: string; weight: number }[] {
  const text = maskNumbers(`${title}。${title}。${body}`);
  const seen = new Set<string>();
  return tfidf
    .extractKeywords(jieba, text, count * 3)
    .map((k) => ({ word: tokenOf(k.keyword), weight: k.weight }))
    .filter(({ word }) => length(word) >= 2 && !STOP.has(word) && !/^\d+$/.test(word) && !seen.has(word) && !!seen.add(word))
    .slice(0, count);
}
