import type { Pusher } from '../contract/realtime.ts';
import type { Credentials } from '../credentials/index.ts';
import type { Db } from '../db/index.ts';
import type { DocumentStore } from '../documents/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { LazySigningPool } from '../signing/index.ts';
import type { SpecimenImages } from './specimen-images.ts';

/** What every workflow use case needs, made once by the plugin and passed in. */
export interface WorkflowDeps {
  readonly db: Db;
  readonly store: DocumentStore;
  readonly credentials: Credentials;
  /** The signing engine's worker processes: signatures and verifications run there, off the event loop. */
  readonly pool: LazySigningPool;
  readonly notifier: Notifier;
  readonly pusher: Pusher;
  /** The configured root certificates (DER) a verification trusts. */
  readonly trustAnchors: readonly Uint8Array[];
  readonly clock: () => Date;
  readonly images: SpecimenImages;
  /**
   * Runs after the PDF is signed and before its version is stored. Tests aim a kill -9 here
   * (config.workflowTestStoreDelayMs): whatever happens now, the stored versions stay as they were.
   */
  readonly beforeStore?: (documentId: string) => Promise<void>;
}
