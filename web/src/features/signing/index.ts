import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { I18n } from '../../base/i18n/index.ts';
import type { Guard, Route } from '../../base/router/index.ts';
import { h, svgIcon } from '../../base/ui/index.ts';
import type { LiveSocket } from '../../base/socket/live-socket.ts';
import type { Session } from '../auth/index.ts';
import { DeviceAgent } from './device-agent.ts';
import { SigningApi } from './signing-api.ts';
import { signingPage } from './signing-page.ts';
import './signing.css';

export { DeviceAgent, type AgentEvent } from './device-agent.ts';
export { tabletHoldsKey } from './tablet-key.ts';
export { SigningApi } from './signing-api.ts';

export const SIGNING_PATH = '/signing';

export interface SigningFeatureDeps {
  readonly services: AppServices;
  readonly session: Session;
  readonly live: LiveSocket;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
}

export interface SigningFeature {
  readonly routes: readonly Route[];
  /**
   * Answers signing requests for the signed-in user's keys held on this tablet, on every page
   * (the signing dialog of the workflow waits on it). Starting it is cheap when there is none.
   */
  readonly agent: DeviceAgent;
}

/** A pen over a line: signing. */
const PEN_ICON = '<path d="M4 20h16"/><path d="M6 16.5 16.5 6a2.1 2.1 0 0 1 3 3L9 19.5l-4 1z"/>';

/** The header link to the digital-signature settings (named by aria-label when only its icon shows). */
export function signingNavLink(i18n: I18n): HTMLAnchorElement {
  return h(
    'a',
    { class: 'button button--ghost nav-signing', testid: 'nav-signing', attrs: { href: SIGNING_PATH, 'aria-label': i18n.t('signing.nav'), title: i18n.t('signing.nav') } },
    svgIcon(PEN_ICON),
    h('span', { class: 'button__label' }, i18n.t('signing.nav')),
  );
}

export function createSigningFeature(deps: SigningFeatureDeps): SigningFeature {
  const { services, session } = deps;
  const api = new SigningApi(services.api);
  const agent = new DeviceAgent({ api, live: deps.live });
  return {
    agent,
    routes: [
      {
        path: SIGNING_PATH,
        guards: [deps.requireUser],
        render: async (ctx) => {
          const me = await session.current();
          // The guard ran just before; a null here means the session ended in between.
          if (!me) throw new Error('signing: no signed-in user after requireUser');
          return signingPage({ services, api, agent, me, userActions: deps.userActions }, ctx);
        },
      },
    ],
  };
}
// The workflow's signing dialogs ask for the same PIN and code, and explain refusals alike.
export { errorLines, field, FormProblem, secretInput, signingForm } from './form-parts.ts';
