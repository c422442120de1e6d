import { ApiError } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';

/**
 * The lines to show for a failed sign-in. The server's problem title comes first: it is
 * already in the UI language and says when to retry. For an account an administrator locked
 * we add what else the user can do; without a problem body (a proxy's 429 page) we say it ourselves.
 */
export function loginErrorLines(error: unknown, i18n: I18n): string[] {
  if (!(error instanceof ApiError)) return [i18n.t('error.unexpected')];
  if (error.isNetworkError) return [i18n.t('error.network')];

  const locked = error.code === 'auth.account_disabled';
  const limited = error.code === 'rate_limited' || error.status === 429;
  const title = error.problem?.title;
  const lines: string[] = [];

  if (title) lines.push(title);
  else if (locked) lines.push(i18n.t('login.locked'));
  else if (limited) lines.push(i18n.t('login.rateLimited'));
  else lines.push(i18n.t('error.unexpected'));

  if (locked) lines.push(i18n.t('login.lockedHelp'));
  if (!title && (locked || limited) && error.retryAfterSeconds !== null) {
    lines.push(i18n.t('login.retryAfter', { seconds: error.retryAfterSeconds }));
  }
  if (!locked && !limited && error.problem?.detail) lines.push(error.problem.detail);
  return lines;
}
