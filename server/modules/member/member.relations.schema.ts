import { z } from 'zod';
import { GroupView } from '../group/group.schema.js';
import { PARTY_ORG_KINDS, PARTY_ROLES } from '../party/party.schema.js';
import { MemberBrief } from './member.schema.js';

export const MemberRelationsView = z.object({
  group: GroupView.nullable(),
  /** who keeps in touch with this member */
  keptBy: z.array(z.object({ linkId: z.string(), member: MemberBrief })),
  /** whom this member keeps in touch with */
  keepsInTouchWith: z.array(z.object({ linkId: z.string(), member: MemberBrief })),
  partyOrgs: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(PARTY_ORG_KINDS), role: z.enum(PARTY_ROLES), roleLabel: z.string() })),
});
export type MemberRelationsView = z.infer<typeof MemberRelationsView>;
