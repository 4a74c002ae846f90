import { describe, expect, it } from 'vitest';
import { concernTexts } from '../../demo/concern.texts.js';
import { SECTORS } from '../../demo/organisation.js';
import { highlight, snippetOf } from './search.highlight.js';
import { timeWindows, weekToken } from './search.time.js';
import { allOf, keywordsOf, maskNumbers, queryTerms, segmentForIndex } from './segment.js';
import { PLACE_NAMES, vocabulary } from './vocabulary.js';

const words = (text: string) => segmentForIndex(text).split(' ');

describe('segmentation', () => {
  it('keeps the committee vocabulary and 远安 place names whole', () => {
    expect(words('旧县镇鹿苑村路灯不亮')).toEqual(expect.arrayContaining(['旧县镇', '鹿苑村', '鹿苑', '路灯', '不亮']));
    expect(words('旧县镇鹿苑村路灯不亮')).not.toContain('镇鹿苑');
    expect(words('关于社情民意信息的提案')).toEqual(expect.arrayContaining(['社情民意', '提案']));
    expect(words('门牌号')).toEqual(['门牌', '牌号', '门牌号']);
  });

  it('has every demo place and sector in its vocabulary', () => {
    const v = new Set(vocabulary());
    for (const [township, villages] of PLACE_NAMES) for (const name of [township, ...villages]) expect(v.has(name), name).toBe(true);
    for (const [name] of SECTORS) expect(v.has(name), name).toBe(true);
  });

  it('never indexes a phone or ID number', () => {
    for (const text of ['电话13907171234', '电话 139 0717 1234', '电话139-0717-1234', '电话１３９０７１７１２３４', '身份证420525199001011234']) {
      expect(segmentForIndex(text), text).not.toMatch(/\d{3}/);
      expect(maskNumbers(text), text).toMatch(/\*\*\*/);
    }
    expect(maskNumbers('3号楼住了42户，2024年')).toBe('3号楼住了42户，2024年');
  });
});

describe('queries', () => {
  it('a word the query cut keeps; its sub-words stand in only when they cover it', () => {
    expect(queryTerms('门牌')).toEqual([{ word: '门牌', parts: [] }]);
    expect(queryTerms('门牌号')).toEqual([{ word: '门牌号', parts: ['门牌', '牌号'] }]);
    expect(queryTerms('垃圾清运')).toEqual([{ word: '垃圾清运', parts: ['垃圾', '清运'] }]);
    expect(queryTerms('自来水')).toEqual([{ word: '自来水', parts: [] }]);
    expect(queryTerms('希望解决路灯的问题').map((t) => t.word)).toEqual(['路灯']);
    expect(queryTerms('灯')).toEqual([]);
    expect(queryTerms('13907171234')).toEqual([]);
  });

  it('quotes every lexeme, so user text never becomes tsquery syntax', () => {
    expect(allOf(queryTerms('自来水 水压'))).toBe("'自来水' & '水压'");
    expect(allOf(queryTerms('门牌号'))).toBe("('门牌号' | '门牌' & '牌号')");
    for (const q of ["a' | 'b", '路灯 & !门牌', '门牌:*', "x'); drop table x; --"]) {
      const t = allOf(queryTerms(q));
      expect(t.replace(/'[^']*'/g, ''), q).toMatch(/^[\s&|()]*$/);
    }
  });

  it('the distinctive words of a concern are what it is about', () => {
    const k = keywordsOf('鹿苑村自来水水压不足', '老街的自来水水压很低，三楼以上早上基本没水，希望加装增压泵。').map((x) => x.word);
    expect(k.slice(0, 2).sort()).toEqual(['水压', '自来水']);
    expect(k).not.toContain('希望');
  });
});

describe('highlighting', () => {
  it('marks the longest word first, case-insensitively, as text pieces', () => {
    expect(highlight('门牌号和住户门牌', ['门牌', '门牌号'])).toEqual([
      { text: '门牌号', hit: true },
      { text: '和住户', hit: false },
      { text: '门牌', hit: true },
    ]);
    expect(highlight('WiFi 信号', ['wifi'])).toEqual([
      { text: 'WiFi', hit: true },
      { text: ' 信号', hit: false },
    ]);
    expect(highlight('<b>路灯</b>', ['路灯'])[0]).toEqual({ text: '<b>', hit: false });
  });

  it('cuts a window around the first match', () => {
    const text = `${'前'.repeat(200)}路灯${'后'.repeat(200)}`;
    const s = snippetOf(text, ['路灯']);
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(s).toContain('路灯');
    expect([...s].length).toBe(122);
    expect(snippetOf('短文本', ['路灯'])).toBe('短文本');
  });
});

describe('time windows', () => {
  it('cover every week back from now, newest first, then all that is older', () => {
    const now = new Date('2026-11-25T04:00:00Z');
    const ws = timeWindows(now);
    const weeks = ws.flatMap((w) => (w.weeks ? w.weeks.split(' | ').map((x) => x.replace(/'/g, '')) : []));
    expect(weeks[0]).toBe(weekToken(now));
    expect(weeks).toHaveLength(9);
    expect(new Set(weeks).size).toBe(9);
    expect(weeks.map((w) => Number(w.slice(2)))).toEqual(weeks.map((_, i) => Number(weekToken(now).slice(2)) - i));
    const last = ws[ws.length - 1];
    expect(last.weeks).toBeNull();
    expect(weekToken(new Date(last.before!.getTime() - 1))).toBe(`~w${Number(weekToken(now).slice(2)) - 9}`);
    expect(weekToken(last.before!)).toBe(`~w${Number(weekToken(now).slice(2)) - 8}`);
  });

  it('weeks start on Monday, China time', () => {
    expect(weekToken(new Date('2026-11-22T15:59:59Z'))).not.toBe(weekToken(new Date('2026-11-22T16:00:00Z'))); // Sunday → Monday 00:00 +08
    expect(weekToken(new Date('2026-11-23T16:00:00Z'))).toBe(weekToken(new Date('2026-11-22T16:00:00Z')));
  });

  it('stop at a from date', () => {
    const now = new Date('2026-11-25T04:00:00Z');
    const ws = timeWindows(now, new Date('2026-11-10T00:00:00+08:00'));
    expect(ws.every((w) => w.weeks)).toBe(true);
    expect(ws.flatMap((w) => w.weeks!.split(' | '))).toHaveLength(3);
  });
});

describe('generated concerns', () => {
  it('are the same for the same seed, varied, and of realistic length', () => {
    const a = concernTexts(7);
    const b = concernTexts(7);
    const texts = Array.from({ length: 2000 }, () => a());
    expect(Array.from({ length: 2000 }, () => b())).toEqual(texts);
    expect(new Set(texts.map((c) => c.content)).size).toBe(2000);
    for (const c of texts) {
      expect([...c.title].length).toBeGreaterThanOrEqual(10);
      expect([...c.title].length).toBeLessThanOrEqual(30);
      expect([...c.content].length).toBeGreaterThanOrEqual(60);
      expect([...c.content].length).toBeLessThanOrEqual(300);
      expect(c.content).not.toMatch(/[{}]/);
    }
    expect(new Set(texts.map((c) => c.subject)).size).toBeGreaterThan(20);
  });
});
