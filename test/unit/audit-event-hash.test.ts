// The audit hash as docs/audit.md specifies it: the documented test vector (text and hash) is
// what the code produces, and every field of an event is covered by the hash.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, hashedText, type ChainedEvent } from '../../src/audit/event-hash.ts';

const doc = readFileSync(new URL('../../docs/audit.md', import.meta.url), 'utf8');
const documentedText = /```text\n(.+)\n```/.exec(doc)?.[1];
const documentedHash = /^hash: `([0-9a-f]{64})`$/m.exec(doc)?.[1];

const vector: ChainedEvent = {
  seq: 2,
  at: new Date('2026-03-05T02:04:05.678Z'),
  actorUserId: '6f1c2b1e-3d4a-4b5c-8d6e-7f8091a2b3c4',
  actorUnitId: '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9',
  action: 'document.sign',
  subjectKind: 'document',
  subjectId: 'c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f',
  details: { version: 3, step: 2, kind: 'personal', signer: 'Hoàng Văn Nam', ratio: 0.5, final: false, note: null },
  prevHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};

describe('audit event hash', () => {
  it('writes the documented text and hash for the documented event', () => {
    expect(documentedText).toBeDefined();
    expect(hashedText(vector)).toBe(documentedText);
    expect(eventHash(vector)).toBe(documentedHash);
  });

  it('starts every chain from the fixed genesis value', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it.each<[string, Partial<ChainedEvent>]>([
    ['seq', { seq: 3 }],
    ['at', { at: new Date('2026-03-05T02:04:05.679Z') }],
    ['the actor', { actorUserId: '6f1c2b1e-3d4a-4b5c-8d6e-7f8091a2b3c5' }],
    ['the actor unit', { actorUnitId: null }],
    ['the action', { action: 'document.seal' }],
    ['the subject kind', { subjectKind: 'meeting' }],
    ['the subject id', { subjectId: 'c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e00' }],
    ['no subject', { subjectKind: null, subjectId: null }],
    ['a detail', { details: { ...vector.details, step: 3 } }],
    ['the previous hash', { prevHash: GENESIS_HASH }],
  ])('changes when %s changes', (_field, change) => {
    expect(eventHash({ ...vector, ...change })).not.toBe(eventHash(vector));
  });

  it('does not depend on the order details were written in', () => {
    const reversed = Object.fromEntries(Object.entries(vector.details).reverse());
    expect(eventHash({ ...vector, details: reversed })).toBe(eventHash(vector));
  });
});
