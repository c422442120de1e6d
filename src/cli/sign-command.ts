import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  createTimestampClient,
  httpCrlFetcher,
  loadPkcs12Signer,
  PADES_LEVELS,
  signPdf,
  type PadesLevel,
  type VisibleSignature,
} from '../signing/index.ts';
import { UsageError } from './cli-error.ts';

export const SIGN_USAGE = `Usage: ecabinet sign --in IN.pdf --out OUT.pdf --p12 FILE --pin PIN
         [--kind personal|seal] [--level B-B|B-T|B-LT] [--tsa URL] [--crl FILE]...
         [--page N --rect x,y,w,h] [--image PNG] [--invisible] [--reason TEXT]
         [--field NAME] [--title TEXT] [--name TEXT] [--seal-mm MM] [--certify 1|2|3]

  --rect      points from the bottom-left of the page as seen (after rotation)
  --kind seal the seal at true size (--seal-mm, default 36) over the left third of the latest
              personal signature on --page; with --rect, centred in that box instead
  --level     B-T and B-LT need a TSA (--tsa, or TSA_URL in the environment);
              B-LT embeds CRLs from --crl files and the certificates' distribution points
  --certify   a certification signature (the document's first): after it, 1 permits no
              changes, 2 form filling and signing, 3 also comments (DocMDP, docs/verify.md)`;

export async function signCommand(args: string[], env: Record<string, string | undefined>): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      p12: { type: 'string' },
      pin: { type: 'string' },
      kind: { type: 'string', default: 'personal' },
      level: { type: 'string', default: 'B-B' },
      tsa: { type: 'string' },
      crl: { type: 'string', multiple: true, default: [] },
      page: { type: 'string' },
      rect: { type: 'string' },
      image: { type: 'string' },
      invisible: { type: 'boolean', default: false },
      reason: { type: 'string' },
      field: { type: 'string' },
      title: { type: 'string' },
      name: { type: 'string' },
      'seal-mm': { type: 'string' },
      certify: { type: 'string' },
    },
  });
  for (const required of ['in', 'out', 'p12', 'pin'] as const) {
    if (values[required] === undefined) throw new UsageError(`--${required} is required`);
  }
  const level = values.level as PadesLevel;
  if (!PADES_LEVELS.includes(level)) throw new UsageError(`--level must be one of ${PADES_LEVELS.join(', ')}`);
  if (values.kind !== 'personal' && values.kind !== 'seal') throw new UsageError('--kind must be personal or seal');
  const certify = values.certify === undefined ? undefined : Number(values.certify);
  if (certify !== undefined && certify !== 1 && certify !== 2 && certify !== 3) throw new UsageError('--certify must be 1, 2 or 3');
  const tsaUrl = values.tsa ?? env.TSA_URL;
  if (level !== 'B-B' && !tsaUrl) throw new UsageError(`--level ${level} needs --tsa URL (or TSA_URL)`);

  const visible = await visibleFrom(values);
  const [input, p12, crls] = await Promise.all([
    readFile(values.in as string),
    readFile(values.p12 as string),
    Promise.all((values.crl ?? []).map((f) => readFile(f))),
  ]);
  const signer = await loadPkcs12Signer(p12, values.pin as string);
  const output = await signPdf(input, {
    signer,
    level,
    timestamp: tsaUrl ? createTimestampClient({ url: tsaUrl }) : undefined,
    crls: crls.map((c) => new Uint8Array(c)),
    fetchCrl: level === 'B-LT' ? httpCrlFetcher() : undefined,
    visible,
    fieldName: values.field,
    reason: values.reason,
    certify,
  });
  // Written beside the target and renamed: a failure never leaves half a file at --out.
  const out = values.out as string;
  const tmp = `${out}.${process.pid}.partial`;
  await writeFile(tmp, output);
  await rename(tmp, out);
  console.log(`signed ${values.in} → ${out} (${level}, ${visible ? `${values.kind} on page ${visible.page}` : 'invisible'})`);
  return 0;
}

async function visibleFrom(values: {
  kind?: string;
  page?: string;
  rect?: string;
  image?: string;
  invisible?: boolean;
  title?: string;
  name?: string;
  'seal-mm'?: string;
}): Promise<VisibleSignature | undefined> {
  const wantsVisible = values.page !== undefined || values.rect !== undefined || values.image !== undefined || values.kind === 'seal';
  if (values.invisible) {
    if (values.rect || values.image) throw new UsageError('--invisible cannot be combined with --rect or --image');
    return undefined;
  }
  if (!wantsVisible) return undefined;
  const page = values.page === undefined ? 1 : Number(values.page);
  if (!Number.isInteger(page) || page < 1) throw new UsageError('--page must be a page number from 1');
  let rect;
  if (values.rect !== undefined) {
    const parts = values.rect.split(',').map((p) => Number(p.trim()));
    if (parts.length !== 4 || !parts.every(Number.isFinite) || (parts[2] as number) <= 0 || (parts[3] as number) <= 0) {
      throw new UsageError('--rect must be x,y,w,h in points, with positive width and height');
    }
    const [x, y, w, h] = parts as [number, number, number, number];
    rect = { x, y, w, h };
  }
  if (values.kind === 'personal' && !rect) throw new UsageError('a visible personal signature needs --rect x,y,w,h');
  if (values.kind === 'seal' && !values.image) throw new UsageError('--kind seal needs --image SEAL.png');
  const sealMm = values['seal-mm'] === undefined ? undefined : Number(values['seal-mm']);
  if (sealMm !== undefined && !(sealMm > 0)) throw new UsageError('--seal-mm must be a positive number');
  return {
    kind: values.kind as 'personal' | 'seal',
    page,
    rect,
    image: values.image ? new Uint8Array(await readFile(values.image)) : undefined,
    title: values.title,
    name: values.name,
    sealDiameterMm: sealMm,
  };
}
