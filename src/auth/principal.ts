import { z } from 'zod';
import { ROLES } from './users.table.ts';

/** What `GET /api/me` answers; also the shape the web app and socket handshake rely on. */
export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string(), level: z.string() }),
});
export type Me = z.infer<typeof meSchema>;

/** The caller as guards see it: `Me` plus the unit's materialised path for scope checks. */
export type Principal = Me & { unit: Me['unit'] & { path: string } };
