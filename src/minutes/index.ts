// Minutes (issue 10.9): a draft regenerated from the meeting's facts once it has ended (the
// secretary is notified), the secretary's conclusions, and at close the final PDF stored as a
// document for the signing workflow. Above meetings, attendance, agenda, floor, votes,
// documents and notifications, whose services it calls; meetings learns of it only through the
// MeetingLifecycle that app.ts hands to both.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/index.ts';
import type { DocumentReaders, DocumentStore } from '../documents/index.ts';
import type { MeetingLifecycle } from '../meetings/index.ts';
import type { Notifier } from '../notifications/index.ts';
import { finaliseOnClose, type OnFinalMinutes } from './finalise-minutes.ts';
import { notifyDraftReady } from './minutes-notices.ts';
import { minutesDocumentReader } from './minutes-reader.ts';
import { MinutesRenderer } from './minutes-renderer.ts';
import { minutesRoutes } from './routes.ts';

export type { FinalMinutes, OnFinalMinutes } from './finalise-minutes.ts';
export { gatherFacts } from './gather-facts.ts';
export type { MinutesFacts } from './minutes-facts.ts';
export { renderMinutesPdf } from './layout/minutes-pdf.ts';
export { readMinutesFonts } from './layout/fonts.ts';

export interface MinutesPluginOptions {
  db: Db;
  store: DocumentStore;
  readers: DocumentReaders;
  notifier: Notifier;
  lifecycle: MeetingLifecycle;
  /** Called once the final minutes are stored (the signing workflow routes them chair → secretary); default: nothing. */
  onFinalMinutes?: OnFinalMinutes;
}

/** Registers the routes and the minutes' part in ending and closing meetings. */
export async function minutesPlugin(app: FastifyInstance, opts: MinutesPluginOptions): Promise<void> {
  const renderer = new MinutesRenderer();
  app.addHook('onClose', async () => renderer.close());
  opts.lifecycle.onEnded(notifyDraftReady(opts.notifier));
  opts.lifecycle.onClosing(
    finaliseOnClose({ db: opts.db, store: opts.store, renderer, onFinalMinutes: opts.onFinalMinutes ?? (async () => {}), log: app.log }),
  );
  opts.readers.add(minutesDocumentReader);
  await app.register(minutesRoutes, { db: opts.db, store: opts.store, renderer });
}
