import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

// The configured trust anchors as one PEM bundle: the development root when that PKI runs, and
// whatever roots an operator lists in TRUST_ANCHORS_FILE (a real CA's, for imported certificates).

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Joins the PEM certificates of `pems` and of the file, each once. A file holding no certificate,
 * or a certificate that is not a CA, is a configuration mistake: refuse to start rather than
 * publish something a verifier would then trust.
 */
export async function loadTrustAnchors(args: { pems: readonly string[]; file?: string }): Promise<string> {
  const blocks = args.pems.flatMap((p) => p.match(PEM_CERTIFICATE) ?? []);
  if (args.file) {
    const fromFile = (await readFile(args.file, 'utf8')).match(PEM_CERTIFICATE) ?? [];
    if (fromFile.length === 0) throw new Error(`${args.file} (TRUST_ANCHORS_FILE) holds no PEM certificate`);
    for (const block of fromFile) {
      const cert = new X509Certificate(block);
      if (!cert.ca) throw new Error(`${args.file}: ${cert.subject.replace(/\n/g, ', ')} is not a CA certificate`);
    }
    blocks.push(...fromFile);
  }
  return [...new Set(blocks.map((b) => b.trim()))].map((b) => `${b}\n`).join('');
}
