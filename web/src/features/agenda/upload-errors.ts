import { ApiError } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';

/**
 * What to tell the clerk when an upload is refused: for each refusal code of the documents
 * store, what is wrong with *this file* and what to do about it. The server's own (localised)
 * title fills in what only it knows, such as the size limit.
 */
export function uploadErrorMessage(error: unknown, fileName: string, i18n: I18n): string {
  const name = fileName;
  if (!(error instanceof ApiError)) return i18n.t('agenda.upload.error.other', { name, detail: i18n.t('error.unexpected') });
  if (error.isNetworkError) return i18n.t('agenda.upload.error.other', { name, detail: i18n.t('error.network') });
  const detail = error.problem?.title ?? i18n.t('error.unexpected');
  switch (error.code) {
    case 'document.not_pdf':
      return i18n.t('agenda.upload.error.notPdf', { name });
    case 'pdf.malformed':
      return i18n.t('agenda.upload.error.malformed', { name });
    case 'pdf.encrypted':
      return i18n.t('agenda.upload.error.encrypted', { name });
    case 'document.too_large':
      return i18n.t('agenda.upload.error.tooLarge', { name, detail });
    default:
      return i18n.t('agenda.upload.error.other', { name, detail });
  }
}
