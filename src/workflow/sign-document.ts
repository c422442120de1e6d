// One signature on a route: the signer of the active step signs the current version in the
// signing pool and the next version is stored based on it, with the route's move in the same
// transaction. A crash anywhere before that commit leaves the previous version current and the
// signer pending: the step is simply signed again (a seal keeps its reserved number).
import { recordEvent } from '../audit/index.ts';
import type { Placement, SigningKey, SignResponse } from '../contract/workflow.ts';
import type { OpenedAct } from '../credentials/index.ts';
import { AppError } from '../errors/index.ts';
import { appearanceFor } from './appearance-for.ts';
import type { WorkflowDeps } from './deps.ts';
import { reserveNumber } from './number-register.ts';
import { activeStepOf } from './route-queries.ts';
import { formatDocumentNumber } from './route-view.ts';
import type { SigningContext } from './signing-context.ts';
import { recordSignature } from './step-transitions.ts';

export interface SignInput {
  userId: string;
  /** The unit the signer acts for (audit). */
  unitId: string;
  documentId: string;
  /** The authorised act, opened: the signer's keys for its documents. */
  act: Pick<OpenedAct, 'signerFor'>;
  placement: Placement;
  /** Seal steps: a number chosen by hand instead of the register's next one. */
  number?: number;
  /** Review and personal steps: the server-held key (default) or the signer's tablet key. */
  key?: SigningKey;
}

/** Refused with signing.not_your_step unless `userId` is a pending signer of the document's active step. */
export async function assertPendingSigner(deps: WorkflowDeps, documentId: string, userId: string) {
  const active = await activeStepOf(deps.db, documentId);
  const me = active?.signers.find((s) => s.userId === userId);
  if (!active || me?.status !== 'pending') throw new AppError('signing.not_your_step');
  return active;
}

/** Signs and stores one document whose context was read already (for a batch, all at once). */
export async function signInContext(deps: WorkflowDeps, input: SignInput, context: SigningContext): Promise<SignResponse> {
  const { db, store } = deps;
  const { document: doc, current, route, step, signer: account, ownerUnit, signerUnit } = context;
  const basedOn = current.version;

  let number: string | undefined;
  if (step.kind === 'seal') {
    const n = await reserveNumber(db, { unitId: ownerUnit.id, documentId: doc.id, stepId: step.id, now: deps.clock(), requested: input.number });
    number = formatDocumentNumber(n, ownerUnit.code);
  }

  // The key last: signerFor spends this document of the act, so a refusal above costs nothing.
  // A tablet key answers over the socket while the pool waits on sign(); the engine sees one Signer either way.
  const signer = await input.act.signerFor(
    step.kind === 'seal'
      ? { kind: 'seal', unitId: ownerUnit.id, documentId: doc.id }
      : { kind: input.key === 'device' ? 'device' : 'personal', documentId: doc.id },
  );
  const image = step.kind === 'seal' ? await deps.images.seal(ownerUnit.name) : await deps.images.signature();
  const visible = appearanceFor({
    kind: step.kind,
    pages: current.pages,
    placement: input.placement,
    signer: { fullName: account.fullName, title: account.title },
    unitName: (step.kind === 'seal' ? ownerUnit : signerUnit).name,
    image,
    caption: number ? `Số: ${number}` : undefined,
  });
  const pool = await deps.pool.get();
  let now = deps.clock();
  let afterCommit = () => {};
  // The pool's worker reads the current version and writes the signed one: their bytes stay out of this heap.
  const stored = await store.addAppendedFile(
    async (tempPath) => {
      const signed = await pool.signFile(store.fileOf(current), tempPath, { signer, visible, reason: REASONS[step.kind] });
      await deps.beforeStore?.(doc.id);
      now = deps.clock();
      return signed;
    },
    { documentId: doc.id, createdBy: input.userId, reason: step.kind === 'seal' ? 'seal' : 'signature', basedOn, pages: current.pages },
    async (tx, version) => {
      const moved = await recordSignature(tx, { routeId: route.id, stepId: step.id, userId: input.userId, version: version.version, now, notifier: deps.notifier, number, title: doc.title });
      afterCommit = moved.afterCommit;
      await recordEvent(tx, {
        action: step.kind === 'seal' ? 'document.seal' : 'document.sign',
        actor: { userId: input.userId, unitId: input.unitId },
        subject: { kind: 'document', id: doc.id },
        details: { version: version.version, sha256: version.sha256, step: step.position, kind: step.kind, number, routeDone: moved.routeDone },
      });
    },
  );
  afterCommit();
  return number ? { version: stored.version, sha256: stored.sha256, number } : { version: stored.version, sha256: stored.sha256 };
}

/** /Reason of each kind's signature dictionary (ISO 32000-1 §12.8.1, Table 252). */
const REASONS = { review: 'Đã xem xét', personal: 'Ký ban hành', seal: 'Đóng dấu' } as const;
