import {
  AUDIT_USAGE,
  auditCommand,
  describeError,
  migrateCommand,
  PKI_USAGE,
  pkiCommand,
  seedCommand,
  serveCommand,
  SIGN_USAGE,
  signCommand,
  UsageError,
  VERIFY_USAGE,
  verifyCommand,
} from './cli/index.ts';
import { ConfigError } from './config.ts';

const USAGE = `Usage: ecabinet <command> [options]

Commands:
  serve            start the server (migrates; seeds the demo into an empty embedded database)
  migrate          apply database migrations and exit
  seed --demo      write the demo unit tree and accounts (idempotent) and exit
  sign             sign a PDF (PAdES B-B, B-T or B-LT)
  verify           verify the signatures of a PDF
  pki init         make a development PKI
  audit verify     walk the audit log's hash chain and name the first broken link
  help             show this help

Configuration comes from environment variables; see README.md.

${SIGN_USAGE}

${VERIFY_USAGE}

${PKI_USAGE}

${AUDIT_USAGE}`;

async function run(command: string, rest: string[]): Promise<number> {
  switch (command) {
    case 'serve':
      return serveCommand();
    case 'migrate':
      return migrateCommand();
    case 'seed':
      return seedCommand(rest);
    case 'sign':
      return signCommand(rest, process.env);
    case 'verify':
      return verifyCommand(rest);
    case 'pki':
      return pkiCommand(rest);
    case 'audit':
      return auditCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

const [command = 'help', ...rest] = process.argv.slice(2);
run(command, rest).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    // parseArgs reports unknown or malformed options as TypeErrors with ERR_PARSE_ARGS_* codes.
    const usage = err instanceof UsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
    console.error(`ecabinet ${command}: ${describeError(err)}`);
    if (usage) console.error(`Run "ecabinet help" for usage.`);
    if (!usage && !(err instanceof Error && err.name === 'SigningError') && process.env.ECABINET_DEBUG) console.error(err);
    process.exit(usage ? 2 : 1);
  },
);
