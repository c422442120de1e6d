// Every capability's tables, gathered for drizzle-kit and the typed client. Capabilities own
// their tables; nothing here but re-exports.
export * from '../org/units.table.ts';
export * from '../auth/users.table.ts';
export * from '../auth/sessions.table.ts';
export * from '../meetings/meetings.table.ts';
export * from '../documents/documents.table.ts';
export * from '../agenda/agenda.table.ts';
