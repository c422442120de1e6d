import { createHash, randomBytes } from 'node:crypto';
import { OID } from '../cms/oids.ts';
import { SigningError } from '../errors.ts';
import { parseTimeStampToken, verifyTimeStampToken } from './timestamp-token.ts';
import { encodeTimeStampReq, parseTimeStampResp, PKI_STATUS } from './tsp-messages.ts';

// RFC 3161 client over HTTP (§3.4). Every failure is a SigningError 'signing.tsa_failed' naming
// the TSA and what went wrong: a PAdES B-T signature must never quietly become B-B (DESIGN.md).

export interface TimestampClientOptions {
  readonly url: string;
  /** Whole exchange, connect to last byte. Default 15 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  /** Extra request headers, e.g. Authorization for a commercial TSA. */
  readonly headers?: Readonly<Record<string, string>>;
  /** reqPolicy to ask for; default: whatever the TSA issues under. */
  readonly policyOid?: string;
}

export type TimestampClient = (data: Uint8Array) => Promise<Uint8Array>;

const MAX_RESPONSE_BYTES = 1 << 20;

/** Returns a function that obtains a TimeStampToken (DER) over SHA-256(data). */
export function createTimestampClient(opts: TimestampClientOptions): TimestampClient {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const shownUrl = redact(opts.url);
  const fail = (what: string, cause?: unknown): SigningError =>
    new SigningError('signing.tsa_failed', `timestamp authority ${shownUrl}: ${what}`, cause === undefined ? undefined : { cause });

  return async (data: Uint8Array): Promise<Uint8Array> => {
    const imprint = createHash('sha256').update(data).digest();
    // §2.4.1: a nonce lets us tie the answer to this request; 63 random bits keep it positive.
    const nonce = BigInt(`0x${randomBytes(8).toString('hex')}`) >> 1n;
    const request = encodeTimeStampReq({ hashAlgorithm: OID.sha256, hashedMessage: imprint, nonce, certReq: true, policy: opts.policyOid });

    let response: Response;
    let body: Uint8Array;
    try {
      response = await doFetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply', ...opts.headers },
        body: new Uint8Array(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw fail(`answered HTTP ${response.status} ${response.statusText}`.trim());
      const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      // §3.4 names application/timestamp-reply; some TSAs still send the draft's -response.
      if (type !== 'application/timestamp-reply' && type !== 'application/timestamp-response') {
        throw fail(`answered with content type "${type || 'none'}", not application/timestamp-reply`);
      }
      body = new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      if (err instanceof SigningError) throw err;
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw fail(`no answer within ${timeoutMs} ms`, err);
      throw fail(`could not be reached (${e.message})`, err);
    }
    if (body.length > MAX_RESPONSE_BYTES) throw fail(`response too large (${body.length} bytes)`);

    let resp;
    try {
      resp = parseTimeStampResp(body);
    } catch (err) {
      throw fail(`response is not a TimeStampResp (${(err as Error).message})`, err);
    }
    if (resp.status !== PKI_STATUS.granted && resp.status !== PKI_STATUS.grantedWithMods) {
      const detail = [resp.statusText, resp.failInfo.join(', ')].filter(Boolean).join('; ');
      throw fail(`refused the request (PKIStatus ${resp.status}${detail ? `: ${detail}` : ''})`);
    }
    if (!resp.token) throw fail('granted the request but sent no timestamp token');

    let token;
    try {
      token = parseTimeStampToken(resp.token);
    } catch (err) {
      throw fail(`sent an unreadable timestamp token (${(err as Error).message})`, err);
    }
    const tst = token.tstInfo;
    if (tst.messageImprint.hashAlgorithm !== OID.sha256 || Buffer.compare(tst.messageImprint.hashedMessage, imprint) !== 0) {
      throw fail('the token covers different data than requested (messageImprint differs)');
    }
    if (tst.nonce !== nonce) throw fail('the token does not echo our nonce');
    if (opts.policyOid && tst.policy !== opts.policyOid) throw fail(`the token was issued under policy ${tst.policy}, not ${opts.policyOid}`);
    if (!token.tsaCertificate) throw fail('the token does not include the TSA certificate although certReq was set');
    const check = verifyTimeStampToken(token, data);
    if (!check.signatureValid || !check.certBindingValid || !check.tsaCertificateValid) {
      throw fail(`the token does not verify (${check.problems.join('; ')})`);
    }
    return new Uint8Array(resp.token);
  };
}

/** The URL without user info or query, safe for error messages and logs. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
