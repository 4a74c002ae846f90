import { requireAccess } from '../../core/access.js';
import type { Ctx, Executor } from '../../core/context.js';
import { readAttachment, setAttachments, storeAttachment } from '../file/attachment.js';
import type { ProposalFileView } from './proposal.schema.js';
import { loadVisible, viewerOf } from './proposal.visible.js';

/** A proposal's attachments (调研报告, 照片…): uploaded first, attached when the proposal is saved with their ids. */
export { MAX_FILE_BYTES } from '../file/attachment.js';
const OWNER = 'proposal';

/** Stores an attachment not yet on a proposal (a member writing one). */
export async function uploadProposalFile(ctx: Ctx, name: string, data: Buffer): Promise<ProposalFileView> {
  const actor = requireAccess(ctx.actor, 'proposal.write');
  return storeAttachment(ctx, actor.orgId, OWNER, name, data);
}

/** Makes `fileIds` the proposal's attachments (uploads of this org not on another item); the ones left out are removed. */
export const setProposalFiles = (tx: Executor, orgId: string, proposalId: string, fileIds: string[]) => setAttachments(tx, orgId, OWNER, proposalId, fileIds, '提案');

/** An attachment of a proposal the actor may see. */
export async function downloadProposalFile(ctx: Ctx, proposalId: string, fileId: string) {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  await loadVisible(ctx.db, await viewerOf(ctx.db, actor), proposalId);
  return readAttachment(ctx.db, OWNER, proposalId, fileId);
}
