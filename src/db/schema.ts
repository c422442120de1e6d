// Every capability's tables, gathered for drizzle-kit and the typed client. Capabilities own
// their tables; nothing here but re-exports.
export * from '../org/units.table.ts';
export * from '../auth/users.table.ts';
export * from '../auth/sessions.table.ts';
export * from '../auth/login-throttles.table.ts';
export * from '../meetings/meetings.table.ts';
export * from '../notifications/notifications.table.ts';
export * from '../credentials/credentials.table.ts';
export * from '../audit/audit-events.table.ts';
export * from '../attendance/attendance.table.ts';
export * from '../floor/floor.table.ts';
export * from '../votes/votes.table.ts';
export * from '../documents/documents.table.ts';
export * from '../agenda/agenda.table.ts';
export * from '../presentation/presentations.table.ts';
export * from '../minutes/minutes.table.ts';
export * from '../workflow/workflow.table.ts';
