// The strip above the viewer that says who presents what, whether this tablet follows, and
// offers "return to presenter", or to lead for the chair and the current item's presenter.
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { PresentationState } from './presentation-client.ts';
import type { FollowMode } from './presenter-follow.ts';

export interface PresenterBarActions {
  returnToPresenter(): void;
  lead(): void;
  stopLeading(): void;
}

export interface PresenterBarView {
  readonly state: PresentationState;
  readonly mode: FollowMode;
  readonly canLead: boolean;
  /** A document's title by id (the presented one may be missing from a stale agenda). */
  readonly titleOf: (documentId: string) => string;
  /** A message to show (a page turn that could not be sent), or null. */
  readonly problem: string | null;
}

export function presenterBar(i18n: I18n, actions: PresenterBarActions): { element: HTMLElement; render(view: PresenterBarView): void } {
  const text = h('p', { class: 'presenter-bar__text', testid: 'presenter-status', attrs: { 'aria-live': 'polite' } });
  const mode = h('span', { class: 'presenter-bar__mode', testid: 'presenter-mode' });
  const problem = h('p', { class: 'presenter-bar__problem', testid: 'presenter-problem', attrs: { role: 'alert', hidden: true } });
  const button = (testid: string, label: string, run: () => void, kind = 'button--secondary'): HTMLButtonElement =>
    h('button', { class: `button ${kind}`, testid, attrs: { type: 'button' }, on: { click: run } }, label);
  const returnButton = button('presenter-return', i18n.t('documents.presenter.return'), () => actions.returnToPresenter(), 'button--primary');
  const leadButton = button('presenter-lead', i18n.t('documents.presenter.lead'), () => actions.lead());
  const stopButton = button('presenter-stop', i18n.t('documents.presenter.stop'), () => actions.stopLeading());
  const element = h(
    'section',
    { class: 'presenter-bar', testid: 'presenter-bar', attrs: { 'aria-label': i18n.t('documents.presenter.following') } },
    h('div', { class: 'presenter-bar__info' }, text, mode, problem),
    h('div', { class: 'presenter-bar__actions' }, returnButton, leadButton, stopButton),
  );

  return {
    element,
    render: (view) => {
      const presented = view.state.presentation;
      element.dataset.mode = view.mode;
      text.textContent = presented
        ? i18n.t('documents.presenter.presenting', { name: presented.presenter.fullName, title: view.titleOf(presented.documentId), page: presented.page })
        : i18n.t('documents.presenter.none');
      mode.textContent =
        view.mode === 'leading'
          ? i18n.t('documents.presenter.leading')
          : presented
            ? i18n.t(view.mode === 'following' ? 'documents.presenter.following' : 'documents.presenter.browsing')
            : '';
      returnButton.hidden = !(presented && view.mode === 'browsing');
      leadButton.hidden = !view.canLead || view.mode === 'leading';
      stopButton.hidden = view.mode !== 'leading';
      problem.hidden = view.problem === null;
      problem.textContent = view.problem ?? '';
    },
  };
}
