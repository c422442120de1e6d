import { getPeople } from '../auth/index.ts';
import type { PersonRef } from '../contract/auth.ts';
import type { RouteView } from '../contract/workflow.ts';
import type { Tx } from '../db/index.ts';
import { getUnits } from '../org/index.ts';
import type { LoadedRoute } from './route-queries.ts';

/** "12/D01": the number as printed after "Số:", the unit's code in capitals. */
export const formatDocumentNumber = (number: number, unitCode: string): string => `${number}/${unitCode.toUpperCase()}`;

/** A loaded route as the API shows it, people and the owner unit looked up in two queries. */
export async function toRouteView(db: Tx, loaded: LoadedRoute, ownerUnitId: string, now: Date): Promise<RouteView> {
  const { route, steps } = loaded;
  const ids = [route.createdBy, ...steps.flatMap((s) => s.signers.map((x) => x.userId))];
  const [people, [unit]] = await Promise.all([getPeople(db, ids), getUnits(db, [ownerUnitId])]);
  const person = (id: string): PersonRef => {
    const found = people.find((p) => p.id === id);
    if (!found) throw new Error(`workflow: user ${id} does not exist`);
    return found;
  };
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const current = steps.find((s) => s.status === 'active');
  return {
    id: route.id,
    documentId: route.documentId,
    status: route.status,
    drafter: person(route.createdBy),
    createdAt: route.createdAt.toISOString(),
    completedAt: iso(route.completedAt),
    currentStep: route.status === 'active' && current ? current.position : null,
    steps: steps.map((s) => ({
      position: s.position,
      kind: s.kind,
      status: s.status,
      signers: s.signers
        .map((x) => ({ user: person(x.userId), status: x.status, at: iso(x.at), version: x.version, reason: x.reason }))
        .sort((a, b) => a.user.username.localeCompare(b.user.username)),
      activatedAt: iso(s.activatedAt),
      dueAt: iso(s.dueAt),
      overdue: s.status === 'active' && s.dueAt !== null && s.dueAt.getTime() < now.getTime(),
      completedAt: iso(s.completedAt),
      number: s.number !== null && unit ? formatDocumentNumber(s.number, unit.code) : null,
    })),
  };
}
