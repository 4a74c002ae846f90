import type { Role } from '../modules/account/account.schema.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * Who may do what, in one table. Every route declares one of these (or 'public' / 'signedIn') in
 * its `config.access`; every service function starts with `requireAccess`.
 */
export const PERMISSIONS = {
  'org.read': ['admin', 'staff', 'leader', 'member', 'unit'],
  'org.manage': ['admin'],
  'account.manage': ['admin'],
  'audit.read': ['admin'],
  'structure.read': ['admin', 'staff', 'leader', 'member'],
  'structure.manage': ['admin', 'staff'],
  'member.read': ['admin', 'staff', 'leader', 'member'],
  'member.manage': ['admin', 'staff'],
  /** whole phone and ID numbers, each view audited */
  'member.contact': ['admin', 'staff'],
  /** the liaison chain's coverage and who keeps in touch with whom */
  'liaison.read': ['admin', 'staff', 'leader'],
  'liaison.manage': ['admin', 'staff'],
  'party.read': ['admin', 'staff', 'leader', 'member'],
  'party.manage': ['admin', 'staff'],
  /** every concern of the org, its figures and its timeline */
  'request.read': ['admin', 'staff', 'leader'],
  /** route, reassign, publish or hide, escalate, categories and deadlines */
  'request.manage': ['admin', 'staff'],
  /** claim and answer the concerns of one's own group (checked per concern in the service) */
  'request.answer': ['member'],
  'opinion.write': ['member'],
  /** members see the reports they (co-)wrote */
  'opinion.read': ['admin', 'staff', 'leader', 'member'],
  /** all of the org's reports, those forwarded to it, and the bulletins */
  'opinion.review': ['admin', 'staff', 'leader'],
  'opinion.manage': ['admin', 'staff'],
  'search.read': ['admin', 'staff', 'leader', 'member'],
  'figures.read': ['admin', 'staff', 'leader'],
  /** the handling units' list (members pick suggested units from it) */
  'unit.read': ['admin', 'staff', 'leader', 'member', 'unit'],
  'unit.manage': ['admin', 'staff'],
  /** members: their own proposals and invitations; units: what they are assigned; staff and leaders: all (checked per proposal in the service) */
  'proposal.read': ['admin', 'staff', 'leader', 'member', 'unit'],
  /** draft, submit, co-sign, rate the replies to one's own proposals */
  'proposal.write': ['member'],
  /** the proposals office: review, assign, objections, extensions, send replies back, key proposals, publication, rules */
  'proposal.manage': ['admin', 'staff'],
  /** a handling unit's staff: object, ask for an extension, record contact, sign off, reply */
  'proposal.handle': ['unit'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
/** 'public': anyone; 'signedIn': any signed-in account, even one that must change its password first. */
export type Access = 'public' | 'signedIn' | Permission;

export interface Actor {
  sessionId: string;
  accountId: string;
  loginName: string;
  displayName: string;
  mustChangePassword: boolean;
  csrfToken: string;
  /** the org the user is acting in; null when they hold no role anywhere */
  orgId: string | null;
  roles: Role[];
}

export interface OrgActor extends Actor {
  orgId: string;
}

export const can = (actor: Actor | null, permission: Permission) =>
  !!actor?.orgId && actor.roles.some((r) => (PERMISSIONS[permission] as readonly Role[]).includes(r));

export function requireSignedIn(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/** The one access check. Returns the actor with the org it acts in. */
export function requireAccess(actor: Actor | null, permission: Permission): OrgActor {
  const a = requireSignedIn(actor);
  if (a.mustChangePassword) throw forbidden('请先修改初始密码', 'PASSWORD_CHANGE_REQUIRED');
  if (!a.orgId || !can(a, permission)) throw forbidden();
  return a as OrgActor;
}

export function checkDeclaredAccess(access: Access, actor: Actor | null) {
  if (access === 'public') return;
  if (access === 'signedIn') return void requireSignedIn(actor);
  requireAccess(actor, access);
}
