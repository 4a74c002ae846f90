import type { TextSegments } from './search.schema.js';

/** Highlighting in Node: the matched words marked as pieces of text, never as HTML. */

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression for all the words, longest first (门牌号 before 门牌), case-insensitive. */
function matcher(words: string[]) {
  const ws = [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length);
  return ws.length ? new RegExp(ws.map(escape).join('|'), 'giu') : null;
}

/** The text as pieces, the words marked. */
export function highlight(text: string, words: string[]): TextSegments {
  const re = matcher(words);
  if (!re || !text) return text ? [{ text, hit: false }] : [];
  const out: TextSegments = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), hit: false });
    out.push({ text: m[0], hit: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/**
 * About `width` characters of the text around its first match (from the start when nothing matches),
 * with … where it was cut; whitespace runs folded.
 */
export function snippetOf(text: string, words: string[], width = 120): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= width) return chars.join('');
  const re = matcher(words);
  const flat = chars.join('');
  const m = re ? re.exec(flat) : null;
  const hitAt = m ? [...flat.slice(0, m.index)].length : 0;
  const start = Math.max(0, Math.min(hitAt - Math.floor(width / 4), chars.length - width));
  const end = Math.min(chars.length, start + width);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}
