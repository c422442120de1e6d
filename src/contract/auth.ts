import { z } from 'zod';
import { secret, text } from './text.ts';
import { unitSchema } from './units.ts';

// Signing in and out, who is signed in, and accounts. Roles are code (permissions depend on
// them), so the list lives here and the users table takes its enum from it.

export const ROLES = ['admin', 'clerk', 'leader', 'member'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** An account as lists show it (`GET /api/units/:id/users`). */
export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  roles: z.array(roleSchema),
});
export type User = z.infer<typeof userSchema>;

/** A person as other shapes mention them (a meeting's chair). */
export const personRefSchema = userSchema.omit({ roles: true });
export type PersonRef = z.infer<typeof personRefSchema>;

/** `GET /api/me`; also the `user` of a login, and who a socket.io handshake is. */
export const meSchema = userSchema.extend({ unit: unitSchema.pick({ id: true, code: true, name: true, level: true }) });
export type Me = z.infer<typeof meSchema>;

export const loginRequestSchema = z.object({ username: text({ max: 100 }), password: secret({ max: 200 }) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({ user: meSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const userIdParamsSchema = z.object({ id: z.uuid() });

/** `POST /api/admin/users/:id/lock` and `/unlock`: the account and whether it is now locked. */
export const accountLockSchema = z.object({ id: z.uuid(), locked: z.boolean() });
export type AccountLock = z.infer<typeof accountLockSchema>;
