import { memberGroup, groupCommittee, groupMember, groupPlace } from '../modules/group/group.table.js';
import { liaisonLink } from '../modules/liaison/liaison.table.js';
import type { PartyOrgKind, PartyRole } from '../modules/party/party.schema.js';
import { partyOrg, partyOrgMember } from '../modules/party/party.table.js';
import { place } from '../modules/place/place.table.js';
import { buildOrg, type Builder, type OrgRow } from './builders.js';

/**
 * Builders of groups, places, party organisations and liaison links; like those in builders.ts they
 * fill in their own parents, and the demo data is made with them.
 */
type Id = { id: string };

export async function buildPlace(b: Builder, s: { org?: OrgRow; name?: string; parent?: Id; kind?: 'township' | 'village' | 'community'; sort?: number } = {}) {
  const home = s.org ?? (await buildOrg(b));
  const kind = s.kind ?? (s.parent ? 'village' : 'township');
  const [row] = await b.db
    .insert(place)
    .values({ orgId: home.id, parentId: s.parent?.id ?? null, kind, name: s.name ?? `地方${Math.random().toString(36).slice(2, 6)}`, sort: s.sort ?? 0 })
    .returning();
  return row;
}

export interface GroupSpec {
  org: OrgRow;
  name?: string;
  sort?: number;
  leader?: Id;
  convener?: Id;
  liaisonAccount?: Id;
  committees?: Id[];
  places?: Id[];
  members?: Id[];
}

/** A group with its members (the convener included; a leader may lead several groups and sits in one). */
export async function buildGroup(b: Builder, s: GroupSpec) {
  const [g] = await b.db
    .insert(memberGroup)
    .values({
      orgId: s.org.id,
      name: s.name ?? `小组${Math.random().toString(36).slice(2, 6)}`,
      sort: s.sort ?? 0,
      leaderId: s.leader?.id ?? null,
      convenerId: s.convener?.id ?? null,
      liaisonAccountId: s.liaisonAccount?.id ?? null,
    })
    .returning();
  const orgId = s.org.id;
  const members = [...new Set([s.convener, ...(s.members ?? [])].filter((m): m is Id => !!m).map((m) => m.id))];
  if (members.length) await b.db.insert(groupMember).values(members.map((memberId) => ({ orgId, groupId: g.id, memberId })));
  if (s.committees?.length) await b.db.insert(groupCommittee).values(s.committees.map((c) => ({ orgId, groupId: g.id, committeeId: c.id })));
  if (s.places?.length) await b.db.insert(groupPlace).values(s.places.map((p) => ({ orgId, groupId: g.id, placeId: p.id })));
  return g;
}

export interface PartyOrgSpec {
  org: OrgRow;
  kind: PartyOrgKind;
  name?: string;
  parent?: Id;
  group?: Id;
  sort?: number;
  /** committee members (委员) and their offices */
  members?: { member: Id; role?: PartyRole }[];
  /** office staff (机关干部) and their offices */
  staff?: { account: Id; role?: PartyRole }[];
}

export async function buildPartyOrg(b: Builder, s: PartyOrgSpec) {
  const [po] = await b.db
    .insert(partyOrg)
    .values({ orgId: s.org.id, kind: s.kind, name: s.name ?? `党组织${Math.random().toString(36).slice(2, 6)}`, parentId: s.parent?.id ?? null, groupId: s.group?.id ?? null, sort: s.sort ?? 0 })
    .returning();
  const rows = [
    ...(s.members ?? []).map((m) => ({ orgId: s.org.id, partyOrgId: po.id, memberId: m.member.id, role: m.role ?? ('member' as const) })),
    ...(s.staff ?? []).map((m) => ({ orgId: s.org.id, partyOrgId: po.id, accountId: m.account.id, role: m.role ?? ('member' as const) })),
  ];
  if (rows.length) await b.db.insert(partyOrgMember).values(rows);
  return po;
}

/** `keeper` keeps in touch with each of `targets`. */
export async function buildLinks(b: Builder, org: OrgRow, keeper: Id, targets: Id[]) {
  if (targets.length) await b.db.insert(liaisonLink).values(targets.map((t) => ({ orgId: org.id, keeperId: keeper.id, targetId: t.id })));
}
