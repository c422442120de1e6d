import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { Guard, Route } from '../../base/router/index.ts';
import type { Session } from '../auth/index.ts';
import { AgendaApi } from './agenda-api.ts';
import { agendaPage } from './agenda-page.ts';
import { AGENDA_PATH } from './paths.ts';
import './agenda.css';

// The signing workflow uploads its documents with the same control and progress.
export { uploadControl } from './upload-control.ts';
export { uploadPdf } from './upload-pdf.ts';

export interface AgendaFeatureDeps {
  readonly services: AppServices;
  readonly session: Session;
  readonly requireUser: Guard;
  readonly userActions: (me: Me) => Node[];
  /** Where the agenda's back link leads (the meetings list). */
  readonly backPath: string;
}

export function createAgendaFeature(deps: AgendaFeatureDeps): { routes: readonly Route[] } {
  const agenda = new AgendaApi(deps.services.api);
  return {
    routes: [
      {
        path: AGENDA_PATH,
        guards: [deps.requireUser],
        render: async (ctx) => {
          const me = await deps.session.current();
          // The guard ran just before; a null here means the session ended in between.
          if (!me) throw new Error('agenda: no signed-in user after requireUser');
          return agendaPage({ services: deps.services, agenda, me, userActions: deps.userActions, backPath: deps.backPath }, ctx);
        },
      },
    ],
  };
}
