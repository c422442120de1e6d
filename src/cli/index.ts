// The `ecabinet` commands; main.ts picks one from argv.
export { AUDIT_USAGE, auditCommand } from './audit-command.ts';
export { describeError, UsageError } from './cli-error.ts';
export { migrateCommand, seedCommand } from './database-commands.ts';
export { PKI_USAGE, pkiCommand } from './pki-command.ts';
export { serveCommand } from './serve-command.ts';
export { SIGN_USAGE, signCommand } from './sign-command.ts';
export { VERIFY_USAGE, verifyCommand } from './verify-command.ts';
