import type { CertificateInfo } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';

const DATE = (i18n: I18n, iso: string): string =>
  new Intl.DateTimeFormat(i18n.locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));

/** A certificate's facts as a definition list: subject, issuer, serial, validity. */
export function certificateFacts(i18n: I18n, cert: CertificateInfo, testid: string): HTMLElement {
  const row = (term: string, value: string, valueTestid?: string): HTMLElement[] => [
    h('dt', null, term),
    h('dd', { testid: valueTestid }, value),
  ];
  return h(
    'dl',
    { class: 'signing-facts', testid },
    ...row(i18n.t('signing.cert.subject'), cert.subject, `${testid}-subject`),
    ...row(i18n.t('signing.cert.issuer'), cert.issuer),
    ...row(i18n.t('signing.cert.serial'), cert.serialNumber),
    ...row(i18n.t('signing.cert.validity'), i18n.t('signing.cert.validityRange', { from: DATE(i18n, cert.notBefore), to: DATE(i18n, cert.notAfter) })),
  );
}
