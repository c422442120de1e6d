import type { EnrollResponse, SigningStatus } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { field, FormProblem, secretInput, signingForm } from './form-parts.ts';
import type { SigningApi } from './signing-api.ts';

/**
 * Setting up signing: (1) choose the PIN, (2) scan the QR code into an authenticator app (or
 * type the secret), (3) confirm with the first code, which activates signing.
 */
export function enrolSection(deps: { i18n: I18n; api: SigningApi; status: SigningStatus; onActive: () => void }): HTMLElement {
  const { i18n, api } = deps;
  const pin = secretInput('signing-pin', 'signing-pin', 'pin');
  const repeat = secretInput('signing-pin-repeat', 'signing-pin-repeat', 'pin');
  const steps = h('div', { class: 'signing-steps' });

  const pinForm = signingForm({
    testid: 'signing-enrol',
    i18n,
    submitLabel: i18n.t('signing.enrol.submit'),
    children: [
      h('p', null, i18n.t('signing.enrol.intro')),
      deps.status.enrolment === 'pending' ? h('p', { class: 'field__hint' }, i18n.t('signing.enrol.pending')) : null,
      field('signing-pin', i18n.t('signing.pin'), pin, i18n.t('signing.pinHint')),
      field('signing-pin-repeat', i18n.t('signing.pinRepeat'), repeat),
    ].filter((n): n is HTMLElement => n !== null),
    action: async () => {
      if (!pin.value) throw new FormProblem(i18n.t('signing.pinMissing'));
      if (pin.value !== repeat.value) throw new FormProblem(i18n.t('signing.pinMismatch'));
      const enrolment = await api.enroll(pin.value);
      pin.value = '';
      repeat.value = '';
      steps.replaceChildren(...(await scanAndConfirm(enrolment)));
      steps.querySelector<HTMLInputElement>('input')?.focus();
    },
  });
  steps.append(pinForm.form);

  async function scanAndConfirm(enrolment: EnrollResponse): Promise<HTMLElement[]> {
    // The QR code as an SVG image (no markup inserted into the page); the URL holds the secret.
    // The encoder is loaded only here, the one page that draws a QR code.
    const QRCode = await import('qrcode');
    const svg = await QRCode.toString(enrolment.otpauthUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    const qr = h('img', {
      class: 'signing-qr',
      testid: 'signing-qr',
      attrs: { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, alt: i18n.t('signing.scan.qrAlt'), width: 220, height: 220 },
    });
    const grouped = enrolment.totpSecret.replace(/(.{4})(?=.)/g, '$1 ');
    const code = secretInput('signing-code', 'signing-code', 'code');
    const confirm = signingForm({
      testid: 'signing-confirm',
      i18n,
      submitLabel: i18n.t('signing.confirm.submit'),
      children: [
        h('h3', { class: 'signing-step__title' }, i18n.t('signing.confirm.title')),
        h('p', null, i18n.t('signing.confirm.intro')),
        field('signing-code', i18n.t('signing.code'), code),
      ],
      action: async () => {
        if (!/^[0-9]{6}$/.test(code.value.trim())) throw new FormProblem(i18n.t('signing.codeMissing'));
        await api.confirm(code.value.trim());
        deps.onActive();
      },
    });
    return [
      h(
        'section',
        { class: 'signing-step', attrs: { 'aria-labelledby': 'signing-scan-title' } },
        h('h3', { class: 'signing-step__title', attrs: { id: 'signing-scan-title' } }, i18n.t('signing.scan.title')),
        h('p', null, i18n.t('signing.scan.intro')),
        h(
          'div',
          { class: 'signing-scan' },
          qr,
          h(
            'div',
            null,
            h('p', { class: 'field__label' }, i18n.t('signing.scan.secret')),
            h('code', { class: 'signing-secret', testid: 'signing-totp-secret', attrs: { 'data-secret': enrolment.totpSecret } }, grouped),
          ),
        ),
      ),
      confirm.form,
    ];
  }

  return h(
    'section',
    { class: 'panel', testid: 'signing-enrolment', attrs: { 'aria-labelledby': 'signing-enrol-title' } },
    h('h2', { class: 'panel__title', attrs: { id: 'signing-enrol-title' } }, i18n.t('signing.enrol.title')),
    steps,
  );
}
