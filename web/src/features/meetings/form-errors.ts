import { ApiError, type FieldIssue } from '../../base/api/index.ts';
import type { I18n, MessageKey } from '../../base/i18n/index.ts';

/** The form's fields that a server error can point at. */
export type MeetingField = 'title' | 'startsAt' | 'invitedUnitIds' | 'chairId' | 'secretaryId';

export interface FormErrors {
  /** For the alert at the top: the server's own (localised) title first. */
  summary: string[];
  /** Per field, in the UI language. */
  fields: Partial<Record<MeetingField, string>>;
}

const FIELD_MESSAGES = {
  title: 'meetings.form.errorTitle',
  startsAt: 'meetings.form.errorStartsAt',
  invitedUnitIds: 'meetings.form.errorUnits',
  chairId: 'meetings.form.errorChair',
  secretaryId: 'meetings.form.errorSecretary',
} as const satisfies Record<MeetingField, MessageKey>;

/** Error codes that are about one field although the server sends no field list. */
const CODE_FIELDS: Record<string, MeetingField> = {
  'meeting.invalid_units': 'invitedUnitIds',
  'auth.forbidden_scope': 'invitedUnitIds',
  'meeting.invalid_chair': 'chairId',
  'meeting.invalid_secretary': 'secretaryId',
};

/**
 * Turns a failed create or edit into what the form shows. Zod's issue messages are English only, so a
 * known field gets our own message; an unknown one is listed as the server named it.
 */
export function meetingFormErrors(error: unknown, i18n: I18n): FormErrors {
  if (!(error instanceof ApiError)) return { summary: [i18n.t('error.unexpected')], fields: {} };
  if (error.isNetworkError) return { summary: [i18n.t('error.network')], fields: {} };

  const summary = [error.problem?.title ?? i18n.t('error.unexpected')];
  const fields: FormErrors['fields'] = {};
  const byCode = CODE_FIELDS[error.code];
  if (byCode) fields[byCode] = error.problem?.title ?? i18n.t(FIELD_MESSAGES[byCode]);

  for (const issue of issuesOf(error)) {
    const field = fieldOf(issue.field);
    if (field) {
      fields[field] ??= i18n.t(FIELD_MESSAGES[field]);
      if (!summary.includes(fields[field])) summary.push(fields[field]);
    } else {
      summary.push(`${issue.field}: ${issue.message}`);
    }
  }
  return { summary, fields };
}

function issuesOf(error: ApiError): FieldIssue[] {
  const raw = (error.problem as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (item): item is FieldIssue =>
      typeof item === 'object' && item !== null && typeof (item as FieldIssue).field === 'string' && typeof (item as FieldIssue).message === 'string',
  );
}

/** `body.title` → title; `body.invitedUnitIds.3` → invitedUnitIds. */
function fieldOf(path: string): MeetingField | null {
  const name = path.split('.')[1];
  return name && name in FIELD_MESSAGES ? (name as MeetingField) : null;
}
