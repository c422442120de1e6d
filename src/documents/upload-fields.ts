// The text fields of a multipart upload, validated like a JSON body: the same
// `validation_failed` problem with `errors: [{field: 'body.<name>', message}]`.
import type { z } from 'zod';
import type { FieldIssue } from '../contract/problem.ts';
import { AppError } from '../errors/index.ts';

export function parseUploadFields<S extends z.ZodType>(schema: S, fields: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i): FieldIssue => ({ field: ['body', ...i.path.map(String)].join('.'), message: i.message }));
  throw new AppError('validation_failed', { extra: { errors } });
}
