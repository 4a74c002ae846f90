export * from '../modules/org/org.table.js';
export * from '../modules/account/account.table.js';
export * from '../modules/auth/session.table.js';
export * from '../modules/audit/audit.table.js';
export * from '../modules/term/term.table.js';
export * from '../modules/sector/sector.table.js';
export * from '../modules/member/member.table.js';
