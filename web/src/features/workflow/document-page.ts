// `/documents/:id` — one document on its signing route: title and version, where it is on the
// route (each step, each signer, refusals with their reason), the PDF in the tablet viewer, and
// for the current signer the box to place and "Ký" / "Từ chối". The drafter defines the route
// here when there is none (or the last one was refused). Once signed: the verification panel.
import type { Me } from '../../base/api/index.ts';
import type { AppServices } from '../../base/app/services.ts';
import type { RouteContext, View } from '../../base/router/index.ts';
import type { LiveSocket } from '../../base/socket/index.ts';
import { h, panel, shell } from '../../base/ui/index.ts';
import type { RouteView } from '../../../../src/contract/workflow.ts';
import { DocumentViewer } from '../documents/document-viewer.ts';
import { PdfFacts } from './pdf-facts.ts';
import { routeEditor } from './route-editor.ts';
import { routeView } from './route-view.ts';
import { signPanel, type SignPanel } from './sign-panel.ts';
import { verificationReportView } from './verification-panel.ts';
import type { DocumentWithRoute, WorkflowApi } from './workflow-api.ts';

export interface DocumentPageDeps {
  readonly services: AppServices;
  readonly api: WorkflowApi;
  readonly live: LiveSocket;
  readonly me: Me;
  readonly userActions: (me: Me) => Node[];
}

/** The active step when `me` is one of its signers who has not signed yet. */
export function myTurn(route: RouteView | null | undefined, me: Me): RouteView['steps'][number] | null {
  if (!route || route.status !== 'active') return null;
  const step = route.steps.find((s) => s.position === route.currentStep);
  return step?.signers.some((s) => s.user.id === me.id && s.status === 'pending') ? step : null;
}

/** A clerk or leader of the owning unit drafts the document's route. */
function mayDraft(detail: DocumentWithRoute, me: Me): boolean {
  return detail.ownerUnit.id === me.unit.id && me.roles.some((r) => r === 'clerk' || r === 'leader');
}

export async function documentPage(deps: DocumentPageDeps, ctx: RouteContext): Promise<View> {
  const { services, api, me } = deps;
  const { i18n } = services;
  const id = ctx.params.id ?? '';
  const viewer = new DocumentViewer({ i18n });
  const title = h('h1', { class: 'page-header__title', attrs: { tabindex: -1 } });
  const facts = h('p', { class: 'page-header__subtitle', testid: 'document-facts' });
  const notice = h('p', { class: 'notice notice--success', testid: 'document-notice', attrs: { role: 'status', hidden: true } });
  const actions = h('div', { class: 'document-actions' });
  const side = h('div', { class: 'document-side' });
  const download = h('a', { class: 'button button--ghost', testid: 'document-download', attrs: { download: true, 'data-router-ignore': true } }, i18n.t('workflow.document.download'));
  let sign: SignPanel | null = null;
  let pdf: PdfFacts | null = null;
  let destroyed = false;

  const showVerification = (detail: DocumentWithRoute): HTMLElement | null => {
    const signedVersions = detail.versions.filter((v) => v.reason === 'signature' || v.reason === 'seal');
    if (signedVersions.length === 0) return null;
    const body = h('div', { attrs: { 'aria-live': 'polite' } }, h('p', { class: 'field__hint' }, i18n.t('workflow.verify.checking')));
    api.verification(id, detail.version).then(
      (report) => body.replaceChildren(verificationReportView(report, i18n)),
      () => body.replaceChildren(h('p', { class: 'alert' }, i18n.t('workflow.verify.failed'))),
    );
    return panel({ id: 'document-verification', testid: 'verification-panel', title: i18n.t('workflow.verify.panelTitle', { version: detail.version }), icon: 'document' }, body);
  };

  /** Draws everything from the server's current state (first load, after signing or refusing). */
  const show = async (detail: DocumentWithRoute, message?: string): Promise<void> => {
    title.textContent = detail.title;
    facts.textContent = i18n.t('workflow.document.facts', { version: detail.version, pages: detail.pages, unit: detail.ownerUnit.name });
    download.href = detail.url;
    const bytes = await api.file(detail.url);
    if (destroyed) return;
    sign?.destroy();
    sign = null;
    pdf?.close();
    pdf = await PdfFacts.open(bytes);
    const route = detail.route ?? null;
    const step = myTurn(route, me);
    if (step) {
      sign = await signPanel({
        i18n,
        api,
        me,
        documentId: id,
        title: detail.title,
        step,
        viewer,
        facts: pdf,
        signed: (result) => void reload(i18n.t('workflow.sign.done', { version: result.version }) + (result.number ? ` ${i18n.t('workflow.route.number', { number: result.number })}` : '')),
        rejected: () => void reload(i18n.t('workflow.reject.done')),
      });
    }
    actions.replaceChildren(...(sign ? [sign.element] : []));

    const routeBody: Node[] = [];
    if (route) routeBody.push(routeView(route, i18n));
    else routeBody.push(h('p', { class: 'field__hint', testid: 'route-none' }, i18n.t('workflow.route.none')));
    if ((!route || route.status === 'rejected') && mayDraft(detail, me)) {
      const users = await api.unitUsers(detail.ownerUnit.id);
      if (route) routeBody.push(h('h3', { class: 'route-editor__again' }, i18n.t('workflow.editor.again')));
      routeBody.push(
        routeEditor({
          i18n,
          users,
          initial: route?.steps.map((step) => ({ kind: step.kind, signers: step.signers.map((s) => s.user.username) })),
          submit: async (definition) => {
            await api.defineRoute(id, definition);
            await reload(i18n.t('workflow.editor.sent'));
          },
        }),
      );
    }
    side.replaceChildren(
      panel({ id: 'document-route', testid: 'route-panel', title: i18n.t('workflow.route.title'), icon: 'document' }, ...routeBody),
      ...[showVerification(detail)].filter((n): n is HTMLElement => n !== null),
    );
    // Said once the page shows the state it speaks of.
    notice.hidden = !message;
    notice.textContent = message ?? '';
    // A signed document opens where its signatures are (the last page), to be seen at once.
    const signed = detail.versions.some((v) => v.reason === 'signature' || v.reason === 'seal');
    await viewer.show({ id, version: detail.version, title: detail.title }, () => Promise.resolve(bytes), sign?.startPage ?? (signed ? detail.pages : 1), 'user');
  };

  const reload = async (message?: string): Promise<void> => {
    const detail = await api.document(id);
    await show(detail, message);
    notice.focus?.();
  };

  await show(await api.document(id, ctx.signal));

  // The drafter learns of a refusal or the last signature, a signer of his turn: show it. Not
  // while the signing dialog is open (the page under it would change).
  const stopLive = deps.live.on('notification', (n) => {
    if (!n.kind.startsWith('signing.') || !('documentId' in n) || n.documentId !== id) return;
    if (document.querySelector('dialog[open]')) return;
    void reload().catch(() => {});
  });

  const header = h('div', { class: 'page-header document-header' }, title, facts, h('div', { class: 'document-header__links' }, download));
  return {
    element: shell(
      { i18n, actions: deps.userActions(me) },
      header,
      notice,
      h('div', { class: 'document-layout' }, h('div', { class: 'document-main' }, actions, h('div', { class: 'document-viewer' }, viewer.element)), side),
    ),
    title: title.textContent ?? '',
    destroy: () => {
      destroyed = true;
      stopLive();
      sign?.destroy();
      pdf?.close();
      viewer.destroy();
    },
  };
}
