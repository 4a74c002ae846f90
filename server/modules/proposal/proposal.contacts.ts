import { sql } from 'drizzle-orm';
import { requireAccess } from '../../core/access.js';
import type { Ctx } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';
import { rowsOf } from '../../core/sql.js';
import { writeAudit } from '../audit/audit.service.js';
import type { ProposalContactsView } from './proposal.schema.js';
import { loadVisible, mayViewContacts, unitOnProposal, viewerOf } from './proposal.visible.js';

/**
 * The whole phone numbers of a proposal's confirmed proposers, for the units handling it (沟通 before
 * they reply) and the proposals office; staff also get the replying units' contact phones. Every look-up
 * is an audit entry saying who looked, whose numbers and why.
 */
export async function revealProposalContacts(ctx: Ctx, id: string): Promise<ProposalContactsView> {
  const actor = requireAccess(ctx.actor, 'proposal.read');
  const v = await viewerOf(ctx.db, actor);
  const p = await loadVisible(ctx.db, v, id);
  const target = p.mergedIntoId ?? p.id;
  const parts = await rowsOf<{ unit: { id: string; name: string }; status: string }>(
    ctx.db,
    sql`select json_build_object('id', u.id, 'name', u.name) as unit, a.status from proposal_assignment a join handling_unit u on u.id = a.unit_id where a.proposal_id = ${target}`,
  );
  const unitOnIt = unitOnProposal(v, parts);
  if (!mayViewContacts(v, unitOnIt)) throw forbidden('只有承办该提案的单位和提案委可以查看提案者的完整联系电话');
  const signers = await rowsOf<{ memberId: string; name: string; phoneEnc: string | null }>(
    ctx.db,
    sql`select m.id as "memberId", pe.name, pe.phone_enc as "phoneEnc" from proposal_signer s join member m on m.id = s.member_id join person pe on pe.id = m.person_id
      where s.proposal_id = ${id} and s.status = 'confirmed' order by s.position`,
  );
  const replies = v.staff
    ? (
        await rowsOf<Omit<ProposalContactsView['replies'][number], 'contactPhone'> & { contactPhoneEnc: string }>(
          ctx.db,
          sql`select y.id, json_build_object('id', u.id, 'name', u.name) as unit, y.contact_name as "contactName", y.contact_phone_enc as "contactPhoneEnc"
            from proposal_reply y join handling_unit u on u.id = y.unit_id where y.proposal_id = ${target} and y.contact_phone_enc is not null order by y.sent_at`,
        )
      ).map(({ contactPhoneEnc, ...r }) => ({ ...r, contactPhone: ctx.crypto.decrypt(contactPhoneEnc) }))
    : [];
  const unit = unitOnIt && !v.staff ? parts.find((a) => a.unit.id === v.unitId && a.status !== 'withdrawn')!.unit : null;
  const why = unit ? `${unit.name}办理前与提案者沟通` : '提案委工作联系';
  const names = [...signers.map((s) => s.name), ...replies.map((r) => `${r.unit.name}${r.contactName}`)].join('、');
  await writeAudit(ctx, {
    action: 'proposal.view_contact',
    summary: `查看提案“${p.title}”${names ? `${names}的` : ''}完整联系电话（${why}）`,
    targetType: 'proposal',
    targetId: id,
    after: { members: signers.map((s) => s.memberId), replies: replies.map((r) => r.id), purpose: why },
  });
  return {
    signers: signers.map((s) => ({ memberId: s.memberId, name: s.name, phone: s.phoneEnc ? ctx.crypto.decrypt(s.phoneEnc) : null })),
    replies,
  };
}
