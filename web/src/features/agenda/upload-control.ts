import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { uploadErrorMessage } from './upload-errors.ts';

export interface UploadControlOptions {
  readonly i18n: I18n;
  readonly label: string;
  /** Hooks for tests: the file input gets `<testid>-input`, the progress bar `<testid>-progress`. */
  readonly testid: string;
  /** Sends the file, reporting bytes sent; resolves once the server has stored it. */
  readonly send: (file: File, onProgress: (sent: number, total: number) => void) => Promise<unknown>;
  /** After a successful upload (the page reloads the agenda). */
  readonly onDone: (fileName: string) => void | Promise<void>;
}

/**
 * A "choose a PDF" button that uploads at once, with a progress bar while the bytes travel,
 * "checking…" while the server reads the PDF, and the refusal in words when there is one. The
 * input is the real control (a label styles it as a button), so keyboards and screen readers
 * reach it as a file picker.
 */
export function uploadControl(options: UploadControlOptions): HTMLElement {
  const { i18n, testid } = options;
  const input = h('input', {
    class: 'visually-hidden',
    testid: `${testid}-input`,
    attrs: { type: 'file', accept: 'application/pdf,.pdf' },
  });
  const bar = h('progress', { class: 'upload__bar', testid: `${testid}-progress`, attrs: { max: 100, value: 0 } });
  const text = h('span', { class: 'upload__text' });
  const progress = h('div', { class: 'upload__progress', attrs: { hidden: true, role: 'status', 'aria-live': 'polite' } }, bar, text);
  const error = h('p', { class: 'upload__error', testid: `${testid}-error`, attrs: { role: 'alert', hidden: true } });
  const label = h('label', { class: 'button button--secondary upload__button' }, input, h('span', null, options.label));

  const setBusy = (busy: boolean): void => {
    input.disabled = busy;
    label.classList.toggle('upload__button--busy', busy);
  };

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again after fixing it
    if (!file) return;
    error.hidden = true;
    progress.hidden = false;
    bar.value = 0;
    text.textContent = i18n.t('agenda.upload.progress', { name: file.name, percent: 0 });
    setBusy(true);
    const onProgress = (sent: number, total: number): void => {
      const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
      bar.value = percent;
      bar.dataset.percent = String(percent);
      text.textContent =
        percent >= 100 ? i18n.t('agenda.upload.checking', { name: file.name }) : i18n.t('agenda.upload.progress', { name: file.name, percent });
    };
    options.send(file, onProgress).then(
      async () => {
        setBusy(false);
        bar.value = 100;
        text.textContent = i18n.t('agenda.upload.done', { name: file.name });
        await options.onDone(file.name);
      },
      (failure: unknown) => {
        setBusy(false);
        progress.hidden = true;
        error.textContent = uploadErrorMessage(failure, file.name, i18n);
        error.hidden = false;
      },
    );
  });

  return h('div', { class: 'upload', testid }, label, progress, error);
}
