import { z } from 'zod';

// Signing in and out, and who is signed in. Roles are code (permissions depend on them), so the
// list lives here and the users table takes its enum from it.

export const ROLES = ['admin', 'clerk', 'leader', 'member'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** `GET /api/me`; also the `user` of a login, and who a socket.io handshake is. */
export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  roles: z.array(roleSchema),
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string(), level: z.string() }),
});
export type Me = z.infer<typeof meSchema>;

/** A person as other shapes mention them (a meeting's chair). */
export const personRefSchema = z.object({ id: z.uuid(), username: z.string(), fullName: z.string(), title: z.string().nullable() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const loginRequestSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({ user: meSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;
