import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Keys and certificates the project did not make: a CA and three signers (RSA-2048, ECDSA
 * P-256, RSA-3072) made with the openssl CLI, exported as OpenSSL 3 default PKCS#12 files.
 */
export interface ForeignPki {
  dir: string;
  rootPem: string;
  signers: { id: 'rsa2048' | 'p256' | 'rsa3072'; p12: string; pin: string; cn: string }[];
  /** An NSS database trusting the root, for pdfsig. */
  nssdir: string;
}

export async function makeForeignPki(dir: string): Promise<ForeignPki> {
  await mkdir(dir, { recursive: true });
  const sh = (cmd: string, args: string[]) => run(cmd, args, { cwd: dir, maxBuffer: 16 << 20 });
  await writeFile(
    join(dir, 'ext.cnf'),
    [
      '[leaf]',
      'basicConstraints=critical,CA:false',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  await sh('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650',
    '-subj', '/C=VN/O=Foreign Test CA/CN=Foreign Test Root', '-addext', 'basicConstraints=critical,CA:true',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const specs = [
    { id: 'rsa2048' as const, key: ['-newkey', 'rsa:2048'], cn: 'Phạm Văn Ngoại' },
    { id: 'p256' as const, key: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], cn: 'Trần Thị Bên Ngoài' },
    { id: 'rsa3072' as const, key: ['-newkey', 'rsa:3072'], cn: 'Lê Ký Thử' },
  ];
  const signers: ForeignPki['signers'] = [];
  for (const s of specs) {
    await sh('openssl', ['req', '-new', ...s.key, '-nodes', '-keyout', `${s.id}.key`, '-out', `${s.id}.csr`, '-utf8',
      '-subj', `/C=VN/O=Sở Thử Nghiệm/CN=${s.cn}`]);
    await sh('openssl', ['x509', '-req', '-in', `${s.id}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
      '-out', `${s.id}.pem`, '-days', '365', '-extfile', 'ext.cnf', '-extensions', 'leaf']);
    await sh('openssl', ['pkcs12', '-export', '-inkey', `${s.id}.key`, '-in', `${s.id}.pem`, '-certfile', 'ca.pem',
      '-out', `${s.id}.p12`, '-passout', 'pass:Mã-PIN 2026']);
    signers.push({ id: s.id, p12: join(dir, `${s.id}.p12`), pin: 'Mã-PIN 2026', cn: s.cn });
  }
  const nssdir = `sql:${join(dir, 'nss')}`;
  await mkdir(join(dir, 'nss'));
  await sh('certutil', ['-N', '-d', nssdir, '--empty-password']);
  await sh('certutil', ['-A', '-d', nssdir, '-n', 'foreign-root', '-t', 'CT,C,C', '-i', 'ca.pem']);
  return { dir, rootPem: join(dir, 'ca.pem'), signers, nssdir };
}

export interface PdfsigSignature {
  field: string;
  signer: string;
  valid: boolean;
  trusted: boolean;
  wholeDocument: boolean;
  raw: string;
}

/** Runs pdfsig and parses its text (it exits 0 even on a digest mismatch). */
export async function pdfsig(file: string, nssdir: string): Promise<PdfsigSignature[]> {
  const { stdout } = await run('pdfsig', ['-nssdir', nssdir, file], { maxBuffer: 16 << 20 }).catch(
    (e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }),
  );
  return stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      field: /Signature Field Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
      signer: /Signer Certificate Common Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
      valid: /Signature Validation: Signature is Valid\./.test(block),
      trusted: /Certificate Validation: Certificate is Trusted\./.test(block),
      wholeDocument: /Total document signed/.test(block) && !/Not total document signed/.test(block),
      raw: block,
    }));
}
