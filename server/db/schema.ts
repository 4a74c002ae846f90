export * from '../modules/org/org.table.js';
export * from '../modules/account/account.table.js';
export * from '../modules/auth/session.table.js';
export * from '../modules/audit/audit.table.js';
