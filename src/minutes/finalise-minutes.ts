// Closing a meeting stores its final minutes: the PDF is generated from the ended meeting, then
// stored as a new document (reason `minutes`, owned by the organising unit) in one transaction
// with the meeting's close, the link to the document and the audit event. A failure anywhere
// leaves the meeting ended and nothing stored. The signing workflow is told after the commit.
import { actorOf, recordEvent } from '../audit/index.ts';
import type { DocumentStore } from '../documents/index.ts';
import { AppError } from '../errors/index.ts';
import type { ClosingHandler } from '../meetings/index.ts';
import type { Db } from '../db/index.ts';
import { conclusionsOf, gatherFacts } from './gather-facts.ts';
import type { MinutesRenderer } from './minutes-renderer.ts';
import { minutesRow, recordFinal } from './minutes-record.ts';

/** What the signing workflow needs to route the final minutes chair → secretary. */
export interface FinalMinutes {
  meetingId: string;
  documentId: string;
  version: number;
  chairId: string;
  secretaryId: string | null;
  unitId: string;
  closedBy: string;
}

export type OnFinalMinutes = (input: FinalMinutes) => Promise<void>;

export interface FinaliseDeps {
  db: Db;
  store: DocumentStore;
  renderer: MinutesRenderer;
  onFinalMinutes: OnFinalMinutes;
  log: { error(obj: unknown, msg: string): void };
}

export function finaliseOnClose({ db, store, renderer, onFinalMinutes, log }: FinaliseDeps): ClosingHandler {
  return async ({ meeting, principal, closeIn }) => {
    const before = await minutesRow(db, meeting.id);
    const facts = await gatherFacts(db, meeting, conclusionsOf(before), true);
    const bytes = await renderer.render(facts);
    const stored = await store.createFromBytes(
      bytes,
      { title: `Biên bản ${meeting.title}`.slice(0, 300), ownerUnitId: meeting.organiserUnitId, createdBy: principal.id, reason: 'minutes' },
      async (tx, doc) => {
        await closeIn(tx);
        // The conclusions the PDF states must still be the saved ones (a PUT may have raced the close).
        const now = await minutesRow(tx, meeting.id, true);
        if ((now?.updatedAt.getTime() ?? null) !== (before?.updatedAt.getTime() ?? null)) throw new AppError('minutes.changed');
        await recordFinal(tx, meeting.id, { documentId: doc.id, version: doc.version }, principal.id);
        await recordEvent(tx, {
          action: 'minutes.finalise',
          actor: actorOf(principal),
          subject: { kind: 'meeting', id: meeting.id },
          details: { documentId: doc.id, version: doc.version, sha256: doc.sha256, pages: doc.pages },
        });
      },
    );
    // Closed and stored whatever the workflow does; a failure to route is logged for a retry by hand.
    await onFinalMinutes({
      meetingId: meeting.id,
      documentId: stored.id,
      version: stored.version,
      chairId: meeting.chairId,
      secretaryId: meeting.secretaryId,
      unitId: meeting.organiserUnitId,
      closedBy: principal.id,
    }).catch((err: unknown) => log.error({ err, meetingId: meeting.id, documentId: stored.id }, 'minutes: onFinalMinutes failed'));
  };
}
