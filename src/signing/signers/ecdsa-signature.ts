import { SigningError } from '../errors.ts';

// WebCrypto (W3C Web Cryptography API §23.4, ECDSA "sign") returns r || s, each the curve's
// field size big-endian (the IEEE P1363 form). CMS wants the DER of
//   Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }   (RFC 5753 §2.1.1, RFC 3279 §2.2.3),
// which is what node:crypto makes with dsaEncoding 'der'.

/** Byte length of r and s for each curve we sign on: P-256, P-384 (SEC 1 §2.3.5). */
const COMPONENT_LENGTHS = [32, 48] as const;

/** X.690 §8.3: a positive INTEGER in the fewest octets, with a 0x00 before a set high bit. */
function derInteger(component: Uint8Array): Uint8Array {
  let start = 0;
  while (start < component.length - 1 && component[start] === 0) start++;
  const trimmed = component.subarray(start);
  const pad = ((trimmed[0] ?? 0) & 0x80) !== 0 ? 1 : 0;
  const out = new Uint8Array(2 + pad + trimmed.length);
  out[0] = 0x02;
  out[1] = pad + trimmed.length;
  out.set(trimmed, 2 + pad);
  return out;
}

/** Converts a raw r || s ECDSA signature (64 bytes for P-256, 96 for P-384) to DER Ecdsa-Sig-Value. */
export function ecdsaP1363ToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  if (!COMPONENT_LENGTHS.some((n) => n === half)) {
    throw new SigningError('signing.bad_credential', `an ECDSA P-256/P-384 signature in r||s form has 64 or 96 bytes, not ${raw.length}`);
  }
  const r = derInteger(raw.subarray(0, half));
  const s = derInteger(raw.subarray(half));
  // At most 2 × (2 + 1 + 48) = 102 content bytes: always the short length form (X.690 §8.1.3.4).
  const out = new Uint8Array(2 + r.length + s.length);
  out[0] = 0x30;
  out[1] = r.length + s.length;
  out.set(r, 2);
  out.set(s, 2 + r.length);
  return out;
}
