import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Bump when the dictionary or the segmentation rules change: rows with an older version are re-indexed. */
export const DICT_VERSION = 1;

const jieba = Jieba.withDict(dict);

const WORD = /[\p{Script=Han}A-Za-z0-9]/u;

/** Words of a text for the index: jieba's search mode (门牌号 → 门牌 牌号 门牌号), punctuation dropped, lower-cased. */
export function segmentForIndex(text: string): string {
  return jieba
    .cutForSearch(text, true)
    .filter((w) => WORD.test(w))
    .map((w) => w.toLowerCase())
    .join(' ');
}
