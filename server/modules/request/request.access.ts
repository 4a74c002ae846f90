import { can, requireSignedIn, type OrgActor, type Permission } from '../../core/access.js';
import type { Actor } from '../../core/access.js';
import { forbidden } from '../../core/errors.js';

/**
 * For the routes staff and members share (the list, a concern's page): the actor holds at least one
 * of the permissions. Returns the actor and which of them it holds.
 */
export function requireAnyAccess(actor: Actor | null, permissions: Permission[]): OrgActor & { has: (p: Permission) => boolean } {
  const a = requireSignedIn(actor);
  if (a.mustChangePassword) throw forbidden('请先修改初始密码', 'PASSWORD_CHANGE_REQUIRED');
  if (!a.orgId || !permissions.some((p) => can(a, p))) throw forbidden();
  return Object.assign(a as OrgActor, { has: (p: Permission) => can(a, p) });
}
