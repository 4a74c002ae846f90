import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { PROPOSAL_STATUSES, type ProposalStatus } from './proposal.schema.js';
import { pickSession, type SessionRow } from './proposal.session.js';
import { assertAction, mayDo, PROPOSAL_STEPS, refusal, type ProposalAction } from './proposal.workflow.js';

/** The states each action may start from, written out by hand from the rules (not read back from the table). */
const EXPECTED: Record<ProposalAction, ProposalStatus[]> = {
  edit: ['draft', 'returned'],
  invite: ['draft', 'returned'],
  respondInvitation: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  withdraw: ['submitted'],
  file: ['submitted'],
  decline: ['submitted'],
  convert: ['submitted'],
  return: ['submitted'],
  merge: ['submitted', 'filed'],
  assign: ['filed'],
  object: ['assigned'],
  settleObjection: ['assigned', 'replied', 'closed'],
  requestExtension: ['assigned'],
  decideExtension: ['assigned', 'replied', 'closed'],
  recordContact: ['assigned', 'replied'],
  signOff: ['assigned'],
  reply: ['assigned'],
  followUp: ['assigned', 'replied', 'closed'],
  rate: ['replied', 'closed'],
  rehandle: ['assigned', 'replied', 'closed'],
  correctCategory: ['assigned', 'replied', 'closed'],
  key: ['filed', 'assigned', 'replied'],
  supervise: ['assigned', 'replied', 'closed'],
  publish: ['replied', 'closed'],
};

/** Sentences the rules give for particular refusals. */
const SPECIFIC: [ProposalStatus, ProposalAction, string][] = [
  ['filed', 'withdraw', '提案已经立案，不能撤回'],
  ['submitted', 'respondInvitation', '提案已经提交，联名已截止'],
  ['submitted', 'assign', '提案尚未立案，不能交办'],
  ['filed', 'reply', '提案尚未交办，不能办理'],
  ['draft', 'object', '提案尚未提交，不能办理'],
  ['replied', 'reply', '本提案已经答复'],
  ['assigned', 'rate', '承办单位尚未答复，还不能测评'],
  ['filed', 'supervise', '重点提案交办后才能督办'],
  ['assigned', 'publish', '提案尚未答复，不能公开'],
  ['draft', 'file', '提案当前为“草稿”，不能立案'],
  ['closed', 'edit', '提案当前为“已办结”，不能修改'],
  ['merged', 'assign', '提案当前为“已并案”，不能交办'],
];

describe('the proposal state machine', () => {
  it('covers every action', () => {
    expect(Object.keys(PROPOSAL_STEPS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const action of Object.keys(EXPECTED) as ProposalAction[]) {
    it(`${action} (${PROPOSAL_STEPS[action].label}) starts only from ${EXPECTED[action].join(', ')}`, () => {
      for (const status of PROPOSAL_STATUSES) {
        const allowed = EXPECTED[action].includes(status);
        expect(mayDo(status, action), `${action} from ${status}`).toBe(allowed);
        if (allowed) expect(() => assertAction(status, action)).not.toThrow();
        else {
          let err: unknown;
          try {
            assertAction(status, action);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).status).toBe(409);
          expect((err as AppError).code).toBe('INVALID_TRANSITION');
          expect((err as AppError).message).toBe(refusal(status, action));
          expect((err as AppError).message).toMatch(/^[\u4e00-\u9fa5“”，、（）]+$/);
        }
      }
    });
  }

  it('gives the specific sentences the rules name', () => {
    for (const [status, action, sentence] of SPECIFIC) expect(refusal(status, action)).toBe(sentence);
  });

  it('leads each decision to its state, and leaves declined and converted proposals final', () => {
    expect(PROPOSAL_STEPS.file.to).toBe('filed');
    expect(PROPOSAL_STEPS.merge.to).toBe('merged');
    expect(PROPOSAL_STEPS.withdraw.to).toBe('draft');
    expect(PROPOSAL_STEPS.rehandle.to).toBe('assigned');
    for (const final of ['declined', 'converted'] as const) expect((Object.keys(EXPECTED) as ProposalAction[]).filter((a) => mayDo(final, a))).toEqual([]);
  });
});

describe('session and kind by date', () => {
  const sessions: SessionRow[] = [
    { id: 's4', name: '十届四次会议', termId: 't', startDate: '2025-01-08', endDate: '2025-01-11' },
    { id: 's5', name: '十届五次会议', termId: 't', startDate: '2026-03-09', endDate: '2026-03-12' },
  ];
  const at = (day: string, windowDays = 45) => {
    const p = pickSession(sessions, day, windowDays);
    return p && `${p.session.id}:${p.kind}`;
  };
  it('is plenary inside the window, from 45 days before the opening to the closing day', () => {
    expect(at('2026-01-23')).toBe('s5:plenary');
    expect(at('2026-03-02')).toBe('s5:plenary');
    expect(at('2026-03-12')).toBe('s5:plenary');
    expect(at('2024-12-01')).toBe('s4:plenary');
  });
  it('is interim of the latest session begun before, outside the window', () => {
    expect(at('2026-01-22')).toBe('s4:interim');
    expect(at('2026-03-13')).toBe('s5:interim');
    expect(at('2026-03-02', 0)).toBe('s4:interim');
    expect(at('2024-11-01')).toBeNull();
  });
});
