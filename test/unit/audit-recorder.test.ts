// The fire-and-forget audit queue with a fake writer: order kept, failures retried, an event
// that cannot be written is logged with all its fields, a malformed one refused at once.
import { describe, expect, it } from 'vitest';
import { AuditRecorder } from '../../src/audit/audit-recorder.ts';
import { AuditInputError } from '../../src/audit/auditable-json.ts';
import type { AuditEventInput } from '../../src/audit/record-event.ts';

const USER = '6f1c2b1e-3d4a-4b5c-8d6e-7f8091a2b3c4';
const event = (n: number): AuditEventInput => ({
  action: 'document.view',
  actor: { userId: USER, unitId: null },
  subject: { kind: 'document', id: `doc-${n}` },
  details: { n },
});

function fakeLog() {
  const lines: { level: 'warn' | 'error'; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    warn: (obj: object, msg: string) => void lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg: string) => void lines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
}

describe('AuditRecorder', () => {
  it('writes events one at a time in the order they were recorded', async () => {
    const written: number[] = [];
    let running = 0;
    const recorder = new AuditRecorder({
      log: fakeLog(),
      write: async (e) => {
        expect(++running).toBe(1);
        // Later events finish sooner if they ran alongside: the queue must not let them.
        await new Promise((r) => setTimeout(r, 5 - ((e.details?.n as number) % 5)));
        written.push(e.details?.n as number);
        running--;
      },
    });
    for (let n = 0; n < 10; n++) recorder.record(event(n));
    expect(recorder.pending).toBe(10);
    await recorder.flush();
    expect(written).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(recorder.pending).toBe(0);
  });

  it('retries a failed write, then goes on with the next event', async () => {
    const log = fakeLog();
    const attempts: number[] = [];
    let failures = 2;
    const recorder = new AuditRecorder({
      log,
      retryDelaysMs: [1, 1, 1],
      write: async (e) => {
        attempts.push(e.details?.n as number);
        if (failures-- > 0) throw new Error('connection reset');
      },
    });
    recorder.record(event(1));
    recorder.record(event(2));
    await recorder.flush();
    expect(attempts).toEqual([1, 1, 1, 2]);
    expect(log.lines.map((l) => l.level)).toEqual(['warn', 'warn']);
  });

  it('logs an event it cannot write, with every field, at error level', async () => {
    const log = fakeLog();
    const recorder = new AuditRecorder({
      log,
      retryDelaysMs: [1, 1],
      write: async () => {
        throw new Error('database is down');
      },
    });
    recorder.record(event(7));
    await recorder.flush();
    const lost = log.lines.filter((l) => l.level === 'error');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ msg: 'audit event not recorded', obj: { auditEvent: event(7), attempts: 3 } });
  });

  it('refuses a malformed event when it is recorded, before queueing it', () => {
    const recorder = new AuditRecorder({ log: fakeLog(), write: async () => {} });
    expect(() => recorder.record({ ...event(1), details: { when: new Date() as never } })).toThrow(AuditInputError);
    expect(() => recorder.record({ ...event(1), actor: { userId: 'not-a-uuid', unitId: null } })).toThrow(/uuid/);
    expect(recorder.pending).toBe(0);
  });

  it('logs events past the queue limit as lost instead of holding them while the database is away', async () => {
    const log = fakeLog();
    let release: () => void = () => {};
    const blocked = new Promise<void>((r) => (release = r));
    const recorder = new AuditRecorder({ log, maxPending: 2, write: () => blocked });
    recorder.record(event(1));
    recorder.record(event(2));
    recorder.record(event(3));
    expect(log.lines).toMatchObject([{ level: 'error', obj: { auditEvent: event(3) }, msg: expect.stringMatching(/not recorded/) }]);
    release();
    await recorder.flush();
  });
});
