import { loadAgenda } from '../agenda/index.ts';
import type { Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';

/** Conclusions may be written only for the meeting's own agenda items. */
export async function assertItemsOf(db: Tx, meetingId: string, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return;
  const known = new Set((await loadAgenda(db, meetingId)).items.map((i) => i.id));
  const unknown = itemIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new AppError('minutes.unknown_item', { extra: { itemIds: unknown } });
}
