import { z } from 'zod';

/** `GET /healthz` when the database answers (otherwise a `service_unavailable` problem). */
export const healthSchema = z.object({ status: z.literal('ok') });
