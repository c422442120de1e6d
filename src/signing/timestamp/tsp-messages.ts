import {
  children,
  content,
  DerError,
  elements,
  expectTag,
  raw,
  readBitString,
  readBoolean,
  readInteger,
  readOctets,
  readOid,
  readRoot,
  readString,
  readTime,
  TAG,
  type DerNode,
} from '../cms/der-reader.ts';
import {
  algorithmIdentifier,
  boolean,
  contextConstructed,
  generalizedTime,
  integer,
  integerFromContent,
  namedBits,
  octetString,
  oid,
  sequence,
  utf8String,
} from '../cms/der-writer.ts';

// The RFC 3161 Time-Stamp Protocol messages, encoded and read with exact bytes kept where a
// later step compares them (the imprint and nonce the TSA must echo, §2.4.2).

/** PKIStatus (RFC 3161 §2.4.2). */
export const PKI_STATUS = { granted: 0, grantedWithMods: 1, rejection: 2, waiting: 3, revocationWarning: 4, revocationNotification: 5 } as const;

/** PKIFailureInfo bits (RFC 3161 §2.4.2). */
export const FAILURE_INFO = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;
export type FailureInfo = keyof typeof FAILURE_INFO;

export interface MessageImprint {
  readonly hashAlgorithm: string;
  readonly hashedMessage: Uint8Array;
  /** The MessageImprint DER as received. */
  readonly der: Uint8Array;
}

export interface TimeStampReq {
  readonly version: bigint;
  readonly messageImprint: MessageImprint;
  readonly reqPolicy: string | null;
  /** Nonce INTEGER content octets as sent, so the answer echoes them exactly. */
  readonly nonce: Uint8Array | null;
  readonly certReq: boolean;
  readonly hasExtensions: boolean;
}

function readImprint(node: DerNode | undefined): MessageImprint {
  const [alg, hashed] = elements(node, TAG.SEQUENCE, 'MessageImprint');
  return {
    hashAlgorithm: readOid(children(expectTag(alg, TAG.SEQUENCE, 'hashAlgorithm'))[0]),
    hashedMessage: readOctets(hashed, 'hashedMessage'),
    der: raw(node as DerNode),
  };
}

/** TimeStampReq ::= SEQUENCE { version, messageImprint, reqPolicy?, nonce?, certReq DEFAULT FALSE, extensions [0]? } (§2.4.1). */
export function encodeTimeStampReq(args: { hashAlgorithm: string; hashedMessage: Uint8Array; nonce: bigint; certReq: boolean; policy?: string }): Uint8Array {
  return sequence(
    integer(1),
    // RFC 5754 §2: SHA-2 AlgorithmIdentifiers are generated with absent parameters.
    sequence(algorithmIdentifier(args.hashAlgorithm), octetString(args.hashedMessage)),
    ...(args.policy ? [oid(args.policy)] : []),
    integer(args.nonce),
    ...(args.certReq ? [boolean(true)] : []), // DEFAULT FALSE is never encoded (X.690 §11.5)
  );
}

export function parseTimeStampReq(der: Uint8Array): TimeStampReq {
  const f = elements(readRoot(der), TAG.SEQUENCE, 'TimeStampReq');
  const version = readInteger(f[0], 'version');
  const messageImprint = readImprint(f[1]);
  let reqPolicy: string | null = null;
  let nonce: Uint8Array | null = null;
  let certReq = false;
  let hasExtensions = false;
  for (const node of f.slice(2)) {
    if (node.tag === TAG.OID && reqPolicy === null && nonce === null) reqPolicy = readOid(node);
    else if (node.tag === TAG.INTEGER && nonce === null) nonce = content(node);
    else if (node.tag === TAG.BOOLEAN) certReq = readBoolean(node);
    else if (node.tag === 0xa0) hasExtensions = true;
    else throw new DerError(`unexpected field with tag 0x${node.tag.toString(16)} in TimeStampReq`);
  }
  return { version, messageImprint, reqPolicy, nonce, certReq, hasExtensions };
}

export interface TstInfo {
  readonly version: bigint;
  readonly policy: string;
  readonly messageImprint: MessageImprint;
  readonly serialNumber: bigint;
  readonly genTime: Date;
  readonly accuracy: { seconds: number; millis: number; micros: number } | null;
  readonly ordering: boolean;
  readonly nonce: bigint | null;
  /** tsa GeneralName, DER, when present. */
  readonly tsaName: Uint8Array | null;
}

/**
 * TSTInfo (§2.4.2). genTime is GeneralizedTime in UTC with milliseconds when not zero (the DER
 * form, X.690 §11.7); accuracy is one second, honest for a clock kept by NTP.
 */
export function encodeTstInfo(args: {
  policy: string;
  messageImprintDer: Uint8Array;
  serialNumber: bigint;
  genTime: Date;
  nonce: Uint8Array | null;
  tsaName: Uint8Array | null;
}): Uint8Array {
  return sequence(
    integer(1),
    oid(args.policy),
    args.messageImprintDer,
    integer(args.serialNumber),
    generalizedTime(args.genTime),
    sequence(integer(1)), // Accuracy { seconds 1 }
    ...(args.nonce ? [integerFromContent(args.nonce)] : []),
    // tsa [0] GeneralName: EXPLICIT because GeneralName is a CHOICE; directoryName is [4].
    ...(args.tsaName ? [contextConstructed(0, contextConstructed(4, args.tsaName))] : []),
  );
}

export function parseTstInfo(der: Uint8Array): TstInfo {
  const f = elements(readRoot(der), TAG.SEQUENCE, 'TSTInfo');
  const version = readInteger(f[0], 'TSTInfo.version');
  const policy = readOid(f[1], 'TSTInfo.policy');
  const messageImprint = readImprint(f[2]);
  const serialNumber = readInteger(f[3], 'TSTInfo.serialNumber');
  const genTime = readTime(expectTag(f[4], TAG.GENERALIZED_TIME, 'genTime'), 'genTime');
  let accuracy: TstInfo['accuracy'] = null;
  let ordering = false;
  let nonce: bigint | null = null;
  let tsaName: Uint8Array | null = null;
  for (const node of f.slice(5)) {
    if (node.tag === TAG.SEQUENCE) {
      accuracy = { seconds: 0, millis: 0, micros: 0 };
      for (const a of children(node)) {
        const n = Number(readInteger({ ...a, tag: TAG.INTEGER })); // millis/micros are [n] IMPLICIT INTEGER
        if (a.tag === TAG.INTEGER) accuracy.seconds = n;
        else if (a.tag === 0x80) accuracy.millis = n;
        else if (a.tag === 0x81) accuracy.micros = n;
      }
    } else if (node.tag === TAG.BOOLEAN) ordering = readBoolean(node);
    else if (node.tag === TAG.INTEGER) nonce = readInteger(node, 'nonce');
    else if (node.tag === 0xa0) tsaName = raw(children(node)[0] as DerNode);
  }
  return { version, policy, messageImprint, serialNumber, genTime, accuracy, ordering, nonce, tsaName };
}

/** TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken OPTIONAL } (§2.4.2). */
export function encodeTimeStampResp(args: { status: number; statusString?: string; failInfo?: FailureInfo; token?: Uint8Array }): Uint8Array {
  const statusInfo = sequence(
    integer(args.status),
    ...(args.statusString ? [sequence(utf8String(args.statusString))] : []), // PKIFreeText
    ...(args.failInfo !== undefined ? [namedBits([FAILURE_INFO[args.failInfo]])] : []),
  );
  return sequence(statusInfo, ...(args.token ? [args.token] : []));
}

export interface TimeStampResp {
  readonly status: number;
  readonly statusText: string | null;
  readonly failInfo: FailureInfo[];
  /** TimeStampToken DER as received. */
  readonly token: Uint8Array | null;
}

export function parseTimeStampResp(der: Uint8Array): TimeStampResp {
  const [statusInfo, token] = elements(readRoot(der), TAG.SEQUENCE, 'TimeStampResp');
  const parts = elements(statusInfo, TAG.SEQUENCE, 'PKIStatusInfo');
  const status = Number(readInteger(parts[0], 'PKIStatus'));
  let statusText: string | null = null;
  const failInfo: FailureInfo[] = [];
  for (const node of parts.slice(1)) {
    if (node.tag === TAG.SEQUENCE) statusText = children(node).map(readString).join('; ');
    if (node.tag === TAG.BIT_STRING) {
      const { bytes } = readBitString(node);
      for (const [name, bit] of Object.entries(FAILURE_INFO)) {
        if (((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0) failInfo.push(name as FailureInfo);
      }
    }
  }
  return { status, statusText, failInfo, token: token ? raw(token) : null };
}
