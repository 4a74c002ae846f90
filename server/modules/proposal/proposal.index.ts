import { updateDocState, indexDoc } from '../search/search.index.js';
import type { Executor } from '../../core/context.js';
import type { ProposalStatus } from './proposal.schema.js';

/** A proposal's words in the search index (title; situation, analysis and suggestion), never public there. */
export async function indexProposal(
  tx: Executor,
  p: { id: string; orgId: string; title: string; situation: string; analysis: string; suggestion: string; status: string; category: string; createdAt: Date },
) {
  await indexDoc(tx, {
    kind: 'proposal',
    refId: p.id,
    orgId: p.orgId,
    title: p.title,
    body: [p.situation, p.analysis, p.suggestion].filter(Boolean).join('\n'),
    status: p.status,
    category: p.category,
    isPublic: false,
    createdAt: p.createdAt,
  });
}

/** Every status change calls this in its transaction, so search filters and shows the right state. */
export async function reindexStatus(tx: Executor, id: string, status: ProposalStatus) {
  await updateDocState(tx, 'proposal', id, { status });
}
