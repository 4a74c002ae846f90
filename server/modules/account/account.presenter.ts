import { maskPhone, type FieldCrypto } from '../../core/crypto.js';
import type { account, Role } from './account.table.js';
import type { AccountView } from './account.schema.js';

type AccountRow = typeof account.$inferSelect;

/** Row → API shape. The phone number is masked here, so no route can forget to. */
export function presentAccount(row: AccountRow, roles: Role[], crypto: FieldCrypto, now: Date): AccountView {
  const locked = !!row.lockedUntil && row.lockedUntil > now;
  return {
    id: row.id,
    loginName: row.loginName,
    displayName: row.displayName,
    phoneMasked: row.phoneEnc ? maskPhone(crypto.decrypt(row.phoneEnc)) : null,
    roles,
    status: row.disabled ? 'disabled' : locked ? 'locked' : 'active',
    mustChangePassword: row.mustChangePassword,
    lockedUntil: locked ? row.lockedUntil!.toISOString() : null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The audited snapshot of an account: what changed, never the password hash or the phone number. */
export const auditSnapshot = (row: AccountRow, crypto: FieldCrypto, roles?: Role[]) => ({
  loginName: row.loginName,
  displayName: row.displayName,
  phone: row.phoneEnc ? maskPhone(crypto.decrypt(row.phoneEnc)) : null,
  disabled: row.disabled,
  ...(roles ? { roles } : {}),
});
