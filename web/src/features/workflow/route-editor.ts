// The drafter's route: ordered steps, each a kind and the people of the unit who sign it (all
// of a step's signers sign before the next step starts). Only those who may sign a kind are
// offered: a personal signature is a leader's, the seal a clerk's of the unit (the server
// checks the same and says so if it disagrees). The usual route is filled in to start with:
// review → the leader's signature → the seal and number.
import type { User } from '../../base/api/index.ts';
import type { I18n } from '../../base/i18n/index.ts';
import { alertBox, h, hideAlert, showAlert } from '../../base/ui/index.ts';
import type { RouteDefinition, StepKind } from '../../../../src/contract/workflow.ts';
import { errorLines } from '../signing/index.ts';

/**
 * The contract's STEP_KINDS, in the order a route takes them. Only types cross into the web app:
 * importing a value of src/contract would bundle zod, whose start-up probe for eval the
 * Content-Security-Policy reports. `satisfies` keeps the list to the contract's kinds.
 */
const STEP_KINDS = ['review', 'personal', 'seal'] as const satisfies readonly StepKind[];

interface DraftStep {
  kind: StepKind;
  signers: Set<string>;
}

export interface RouteEditorOptions {
  readonly i18n: I18n;
  readonly users: readonly User[];
  /** Steps to start from (the refused route, to send again); default review → signature → seal. */
  readonly initial?: RouteDefinition['steps'];
  /** Sends the route; a throw is shown in the editor. */
  readonly submit: (route: RouteDefinition) => Promise<void>;
}

/** Who may sign a step of `kind`. */
export function candidatesFor(kind: StepKind, users: readonly User[]): User[] {
  if (kind === 'personal') return users.filter((u) => u.roles.includes('leader'));
  if (kind === 'seal') return users.filter((u) => u.roles.includes('clerk'));
  return [...users];
}

export function routeEditor(options: RouteEditorOptions): HTMLElement {
  const { i18n, users } = options;
  const steps: DraftStep[] = (options.initial ?? STEP_KINDS.map((kind) => ({ kind, signers: [] }))).map((step) => ({
    kind: step.kind,
    signers: new Set(step.signers),
  }));
  const list = h('ol', { class: 'route-editor__steps' });
  const alert = alertBox('route-editor-error');
  const sendLabel = h('span', null, i18n.t('workflow.editor.send'));
  const send = h('button', { class: 'button button--primary', testid: 'route-send', attrs: { type: 'submit' } }, sendLabel);
  const add = h(
    'button',
    { class: 'button button--secondary', testid: 'route-add-step', attrs: { type: 'button' }, on: { click: () => (steps.push({ kind: 'review', signers: new Set() }), render()) } },
    i18n.t('workflow.editor.addStep'),
  );

  const stepItem = (step: DraftStep, index: number): HTMLElement => {
    const n = index + 1;
    const kindSelect = h(
      'select',
      {
        class: 'field__input',
        testid: `route-step-${n}-kind`,
        attrs: { id: `route-step-${n}-kind` },
        on: {
          change: () => {
            step.kind = kindSelect.value as StepKind;
            const allowed = new Set(candidatesFor(step.kind, users).map((u) => u.username));
            for (const name of [...step.signers]) if (!allowed.has(name)) step.signers.delete(name);
            render();
          },
        },
      },
      ...STEP_KINDS.map((kind) => h('option', { attrs: { value: kind, selected: kind === step.kind } }, i18n.t(`workflow.kind.${kind}`))),
    );
    const candidates = candidatesFor(step.kind, users);
    const signers = h(
      'fieldset',
      { class: 'route-editor__signers' },
      h('legend', { class: 'field__label' }, i18n.t('workflow.editor.signers')),
      candidates.length === 0 ? h('p', { class: 'field__hint' }, i18n.t('workflow.editor.noCandidates')) : null,
      ...candidates.map((user) => {
        const box = h('input', {
          class: 'checkbox',
          testid: `route-step-${n}-signer-${user.username}`,
          attrs: { type: 'checkbox', value: user.username, checked: step.signers.has(user.username) },
          on: { change: () => (box.checked ? step.signers.add(user.username) : step.signers.delete(user.username)) },
        });
        return h('label', { class: 'check-row' }, box, h('span', null, user.title ? `${user.fullName} — ${user.title}` : user.fullName));
      }),
    );
    const remove = h(
      'button',
      {
        class: 'button button--ghost',
        testid: `route-step-${n}-remove`,
        attrs: { type: 'button', disabled: steps.length === 1 },
        on: { click: () => (steps.splice(index, 1), render()) },
      },
      i18n.t('workflow.editor.removeStep'),
    );
    return h(
      'li',
      { class: 'route-editor__step', testid: `route-editor-step-${n}` },
      h('div', { class: 'route-editor__step-head' }, h('label', { class: 'field__label', attrs: { for: `route-step-${n}-kind` } }, i18n.t('workflow.editor.step', { position: n })), kindSelect, remove),
      signers,
    );
  };

  const render = (): void => {
    list.replaceChildren(...steps.map(stepItem));
  };
  render();

  const form = h(
    'form',
    {
      class: 'route-editor',
      testid: 'route-editor',
      attrs: { novalidate: true },
      on: {
        submit: (event) => {
          event.preventDefault();
          hideAlert(alert);
          const empty = steps.findIndex((s) => s.signers.size === 0);
          if (empty >= 0) {
            showAlert(alert, i18n.t('workflow.editor.emptyStep', { position: empty + 1 }));
            return;
          }
          send.disabled = true;
          sendLabel.textContent = i18n.t('signing.working');
          options
            .submit({ steps: steps.map((s) => ({ kind: s.kind, signers: [...s.signers] })) })
            .catch((error: unknown) => showAlert(alert, ...errorLines(error, i18n)))
            .finally(() => {
              send.disabled = false;
              sendLabel.textContent = i18n.t('workflow.editor.send');
            });
        },
      },
    },
    alert,
    h('p', { class: 'field__hint' }, i18n.t('workflow.editor.intro')),
    list,
    h('div', { class: 'form-actions' }, add, send),
  );
  return form;
}
