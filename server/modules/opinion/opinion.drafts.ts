import type { Executor } from '../../core/context.js';
import { indexDoc } from '../search/search.index.js';
import { opinionReport, opinionReportAuthor, opinionReportEvent } from './opinion.table.js';

export interface OpinionDraftInput {
  orgId: string;
  title: string;
  body: string;
  /** in order: the first is the first author */
  authorMemberIds: string[];
  createdBy: string | null;
  /** shown in the report's history as who created it */
  createdByName: string;
  /** e.g. 由 3 条群众诉求转化 */
  note?: string;
  now: Date;
}

/**
 * Inserts a draft report with its authors and indexes it, in the caller's transaction. Used by the
 * report editor and by concerns escalated into a report; the caller checks access and the members.
 */
export async function createOpinionDraft(tx: Executor, input: OpinionDraftInput): Promise<{ id: string }> {
  const [row] = await tx
    .insert(opinionReport)
    .values({
      orgId: input.orgId,
      title: input.title,
      body: input.body,
      status: 'draft',
      createdBy: input.createdBy,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: opinionReport.id });
  const ids = [...new Set(input.authorMemberIds)];
  if (ids.length) {
    await tx.insert(opinionReportAuthor).values(ids.map((memberId, position) => ({ orgId: input.orgId, reportId: row.id, memberId, position })));
  }
  await tx.insert(opinionReportEvent).values({
    orgId: input.orgId,
    reportId: row.id,
    kind: 'created',
    actorAccountId: input.createdBy,
    actorName: input.createdByName,
    note: input.note ?? null,
    at: input.now,
  });
  await indexDoc(tx, {
    kind: 'opinion_report',
    refId: row.id,
    orgId: input.orgId,
    title: input.title,
    body: input.body,
    status: 'draft',
    isPublic: false,
    createdAt: input.now,
  });
  return { id: row.id };
}
