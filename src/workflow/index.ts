// The signing workflow (issue 11 points 1, 5, 6, 8): routes of review → personal → seal steps
// on stored documents, signing from the tablet with one PIN + one code per act, the number
// register, batches, reminders and verification. Above documents, credentials, the signing
// engine, audit and notifications, used through their indexes.
//
// For the minutes (issue 11.8): `startRoute(db | tx, {documentId, steps: [{kind, signerIds}],
// createdBy})` starts chair → secretary as two "personal" steps whatever their roles — the
// rule that personal signers are leaders and seal signers clerks of the document's unit is
// for routes drafted by hand (`POST /api/documents/:id/route`).
import { X509Certificate } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Pusher } from '../contract/realtime.ts';
import type { Credentials } from '../credentials/index.ts';
import type { Db } from '../db/index.ts';
import type { DocumentDetailExtension, DocumentReaders, DocumentStore } from '../documents/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { LazySigningPool } from '../signing/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { remindOverdue } from './overdue-reminders.ts';
import { latestRouteOf } from './route-queries.ts';
import { toRouteView } from './route-view.ts';
import { workflowRoutes } from './routes.ts';
import { SpecimenImages } from './specimen-images.ts';

export { routeDocumentReader } from './document-reader.ts';
export { routeClosedMinutes, type ClosedMinutes } from './minutes-route.ts';
export { remindOverdue } from './overdue-reminders.ts';
export { startRoute, type StartRouteInput } from './start-route.ts';

export interface WorkflowPluginOptions {
  db: Db;
  store: DocumentStore;
  readers: DocumentReaders;
  credentials: Credentials;
  pool: LazySigningPool;
  notifier: Notifier;
  pusher: Pusher;
  /** PEM of the configured root certificates: what verifications trust. */
  trustAnchorsPem: string;
  /**
   * Batch items in flight at once: one per signing worker keeps the pool busy, and a few more
   * are read, stored and chained meanwhile (with one more item only, the worker waited for the
   * database half of the time: BENCHMARKS.md, batch signing).
   */
  batchConcurrency: number;
  reminderIntervalMs: number;
  /** Tests only: pause between signing and storing (config.workflow.testStoreDelayMs). */
  testStoreDelayMs?: number;
  clock?: () => Date;
}

/** `route` on `GET /api/documents/:id`: the document's latest route, or null (registered in app.ts). */
export const routeDetailExtension =
  (clock: () => Date = () => new Date()): DocumentDetailExtension =>
  async (db, doc) => {
    const loaded = await latestRouteOf(db, doc.id);
    return { route: loaded ? await toRouteView(db, loaded, doc.ownerUnitId, clock()) : null };
  };

export async function workflowPlugin(app: FastifyInstance, opts: WorkflowPluginOptions): Promise<void> {
  const delay = opts.testStoreDelayMs ?? 0;
  const deps: WorkflowDeps = {
    db: opts.db,
    store: opts.store,
    credentials: opts.credentials,
    pool: opts.pool,
    notifier: opts.notifier,
    pusher: opts.pusher,
    trustAnchors: certificatesOf(opts.trustAnchorsPem),
    clock: opts.clock ?? (() => new Date()),
    images: new SpecimenImages(),
    beforeStore:
      delay > 0
        ? (documentId) => {
            // The crash test waits for this line, then kills the process.
            app.log.warn({ documentId, delayMs: delay }, 'workflow: test pause between signing and storing');
            return new Promise((resolve) => setTimeout(resolve, delay));
          }
        : undefined,
  };
  await app.register(workflowRoutes, { deps, readers: opts.readers, batchConcurrency: opts.batchConcurrency });

  // Overdue reminders: a sweep every few minutes; one failing (the database restarting) is
  // logged and the next one tries again.
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    remindOverdue(deps, deps.clock())
      .catch((err: unknown) => app.log.warn({ err }, 'workflow: overdue reminders failed'))
      .finally(() => (sweeping = false));
  }, opts.reminderIntervalMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

/** DER of every certificate in a PEM bundle. */
function certificatesOf(pem: string): Uint8Array[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new Uint8Array(new X509Certificate(b).raw));
}
