import { hideNumbers } from '../../core/numbers.js';
import { EVENT_LABELS, OUTCOME_LABELS, PUBLISH_LABELS, RATING_LABELS, STATUS_LABELS, type EventKind, type Outcome, type PublishState, type Rating, type RequestStatus } from './request.schema.js';

/** Timestamps as ISO strings, whichever driver read them. */
export const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
export const isoOrNull = (v: Date | string | null | undefined) => (v ? iso(v) : null);

/** A resident's text with phone-like and other long numbers hidden (core/numbers.ts: the one rule, also the search index's). */
export const maskDigits = (text: string) => hideNumbers(text, '[号码已隐去]');

/** 张三丰 → 张* */
export const maskName = (name: string | null) => (name ? `${[...name][0]}*` : null);

/** A resident's text as others see it: numbers hidden, and the resident's own name (if they gave one and wrote it in) masked. */
export const scrub = (text: string, name?: string | null) => {
  const masked = maskDigits(text);
  return name && name.length >= 2 ? masked.split(name).join(maskName(name)!) : masked;
};
/** The resident's name from its stored cipher, for scrub() only. */
export const nameOf = (crypto: { decrypt(s: string): string }, enc: string | null | undefined) => (enc ? crypto.decrypt(enc) : null);

export const statusLabel = (s: string) => STATUS_LABELS[s as RequestStatus] ?? s;
export const outcomeLabel = (o: string | null) => (o ? (OUTCOME_LABELS[o as Outcome] ?? o) : null);
export const ratingLabel = (r: string | null) => (r ? (RATING_LABELS[r as Rating] ?? r) : null);
export const publishLabel = (p: string) => PUBLISH_LABELS[p as PublishState] ?? p;
export const eventLabel = (k: string) => EVENT_LABELS[k as EventKind] ?? k;
/** 张红梅 → 张红梅委员 (the answering member as the resident and the public see them) */
export const asMember = (name: string | null | undefined) => (name ? `${name}委员` : null);
