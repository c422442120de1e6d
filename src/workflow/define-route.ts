// `POST /api/documents/:id/route`: a drafter defines a document's route by usernames.
import { getActiveAccountsByUsername, type Principal } from '../auth/index.ts';
import type { RouteDefinition, RouteView } from '../contract/workflow.ts';
import { AppError } from '../errors/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { latestRouteOf } from './route-queries.ts';
import { toRouteView } from './route-view.ts';
import { startRoute } from './start-route.ts';

/** Who drafts: the clerks and leaders of the document's own unit. */
const DRAFTERS = ['clerk', 'leader'] as const;

/**
 * Checks the drafter and the signers, then starts the route. Refusals: 404 document.not_found,
 * 403 workflow.not_drafter, 422 workflow.step_empty / signer_unknown / seal_signer_invalid (a
 * seal signer must be a clerk of the document's unit: only they hold its seal) /
 * personal_signer_invalid (a personal signer must be a leader), 409 workflow.route_exists.
 */
export async function defineRoute(deps: WorkflowDeps, o: { principal: Principal; documentId: string; definition: RouteDefinition }): Promise<RouteView> {
  const { db } = deps;
  const doc = await deps.store.get(db, o.documentId);
  if (!doc) throw new AppError('document.not_found');
  const drafts = o.principal.unit.id === doc.ownerUnitId && o.principal.roles.some((r) => (DRAFTERS as readonly string[]).includes(r));
  if (!drafts) throw new AppError('workflow.not_drafter');

  const { steps } = o.definition;
  if (steps.length === 0 || steps.some((s) => s.signers.length === 0)) throw new AppError('workflow.step_empty');
  const accounts = await getActiveAccountsByUsername(db, steps.flatMap((s) => s.signers));
  const byName = new Map(accounts.map((a) => [a.username, a]));
  const unknown = [...new Set(steps.flatMap((s) => s.signers).filter((u) => !byName.has(u)))];
  if (unknown.length) throw new AppError('workflow.signer_unknown', { params: { usernames: unknown.join(', ') } });
  const failing = (kind: 'seal' | 'personal', ok: (a: (typeof accounts)[number]) => boolean) =>
    [...new Set(steps.filter((s) => s.kind === kind).flatMap((s) => s.signers).filter((u) => !ok(byName.get(u)!)))];
  const badSeal = failing('seal', (a) => a.roles.includes('clerk') && a.unitId === doc.ownerUnitId);
  if (badSeal.length) throw new AppError('workflow.seal_signer_invalid', { params: { usernames: badSeal.join(', ') } });
  const badPersonal = failing('personal', (a) => a.roles.includes('leader'));
  if (badPersonal.length) throw new AppError('workflow.personal_signer_invalid', { params: { usernames: badPersonal.join(', ') } });

  const now = deps.clock();
  const { afterCommit } = await startRoute(
    db,
    {
      documentId: doc.id,
      steps: steps.map((s) => ({ kind: s.kind, signerIds: s.signers.map((u) => byName.get(u)!.id) })),
      createdBy: o.principal.id,
      actorUnitId: o.principal.unit.id,
      dueHours: o.definition.dueHours,
      now,
    },
    deps.notifier,
  );
  afterCommit();
  const loaded = await latestRouteOf(db, doc.id);
  if (!loaded) throw new Error('the route just started is gone');
  return toRouteView(db, loaded, doc.ownerUnitId, now);
}
