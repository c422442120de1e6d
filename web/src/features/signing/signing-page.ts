import type { Me, SigningStatus } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import { h, panel, shell } from '../../base/ui/index.ts';
import { certificateFacts } from './certificate-card.ts';
import { changePinForm } from './change-pin-form.ts';
import type { DeviceAgent } from './device-agent.ts';
import { deviceKeySection } from './device-key-section.ts';
import { enrolSection } from './enrol-section.ts';
import type { SigningApi } from './signing-api.ts';

export interface SigningPageDeps {
  readonly services: AppServices;
  readonly api: SigningApi;
  readonly agent: DeviceAgent;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

/**
 * `/signing` — "Chữ ký số / Digital signature": set the PIN, scan the QR code, confirm with a
 * code; then the certificate, PIN change and the tablet key. Sections are rebuilt from the
 * server's status after each step, so what is shown is what the server holds.
 */
export async function signingPage(deps: SigningPageDeps, ctx: RouteContext): Promise<View> {
  const { services, api, me } = deps;
  const { i18n } = services;
  const body = h('div', { class: 'signing-page' });
  const activity = h('ul', { class: 'signing-activity', testid: 'signing-activity', attrs: { 'aria-live': 'polite' } });

  const render = async (status: SigningStatus, notice?: string): Promise<void> => {
    const refresh = (message?: string): void => void api.status().then((s) => render(s, message));
    const sections: Node[] = [];
    if (notice) sections.push(h('p', { class: 'notice notice--success', testid: 'signing-notice', attrs: { role: 'status' } }, notice));
    if (status.locked) sections.push(h('p', { class: 'alert signing-locked', testid: 'signing-locked', attrs: { role: 'alert' } }, i18n.t('signing.locked')));
    if (status.enrolment !== 'active') {
      sections.push(enrolSection({ i18n, api, status, onActive: () => refresh() }));
    } else {
      sections.push(h('p', { class: 'signing-ready', testid: 'signing-active' }, i18n.t('signing.active')));
      if (status.personal) {
        sections.push(
          panel(
            { id: 'signing-certificate', testid: 'signing-certificate', title: i18n.t('signing.cert.title'), icon: 'document' },
            certificateFacts(i18n, status.personal, 'signing-personal-cert'),
            status.pendingImport ? h('p', { class: 'field__hint' }, i18n.t('signing.cert.pendingImport')) : null,
          ),
        );
      }
      sections.push(changePinForm({ i18n, api }));
      sections.push(await deviceKeySection({ i18n, api, me, devices: status.devices, onChange: refresh }));
      // A key may have just been made here: the agent starts listening for its requests.
      await deps.agent.ensureStarted(me.id);
    }
    sections.push(activity);
    body.replaceChildren(...sections);
  };

  const stopListening = deps.agent.onEvent((event) => {
    const key = event.kind === 'signed' ? 'signing.agent.signed' : 'signing.agent.failed';
    activity.append(h('li', { testid: `signing-agent-${event.kind}` }, i18n.t(key, { document: event.request.documentId })));
  });

  await render(await api.status(ctx.signal));

  const header = h(
    'div',
    { class: 'page-header' },
    h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } }, i18n.t('signing.title')),
    h('p', { class: 'page-header__subtitle' }, i18n.t('signing.subtitle')),
  );
  return {
    element: shell({ i18n, actions: deps.userActions(me) }, header, body),
    title: i18n.t('signing.title'),
    destroy: stopListening,
  };
}
