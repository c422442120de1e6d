import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initDevPki } from '../pki/index.ts';
import { UsageError } from './cli-error.ts';

export const PKI_USAGE = `Usage: ecabinet pki init --dir DIR [--crl-url URL] [--force]

  Makes a development PKI in DIR: root CA, issuing CA with a CRL, personal certificates for the
  demo leaders and clerks, seals for demo units, a TSA certificate; PKCS#12 files (demo PIN in
  DIR/pins.json). For development only: real keys never enter the repository.`;

export async function pkiCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'init') throw new UsageError(`unknown pki command "${sub ?? ''}"`);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: { dir: { type: 'string' }, 'crl-url': { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  if (!values.dir) throw new UsageError('--dir is required');
  const dir = resolve(values.dir);
  const index = await initDevPki(dir, { crlUrl: values['crl-url'], force: values.force });
  console.log(`development PKI written to ${dir}: ${index.entries.length} certificates, PIN ${index.pin} (see ${dir}/README.md)`);
  return 0;
}
