import { z } from 'zod';

// The unit tree (`/api/units`). Levels are data, not an enum: the same tree
// models city → district → commune and a two-tier city → commune.

export const unitSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parentId: z.uuid().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export type UnitTree = Unit & { children: UnitTree[] };
/** Recursive; registered with an id so OpenAPI shows it as one component. */
export const unitTreeSchema: z.ZodType<UnitTree> = unitSchema
  .extend({
    get children() {
      return z.array(unitTreeSchema);
    },
  })
  .meta({ id: 'UnitTree' });

/** A unit as other shapes mention it (organiser, invited units). */
export const unitRefSchema = unitSchema.pick({ id: true, code: true, name: true });
export type UnitRef = z.infer<typeof unitRefSchema>;

export const unitIdParamsSchema = z.object({ id: z.uuid() });
export const unitTreeQuerySchema = z.object({ root: z.uuid().optional() });
