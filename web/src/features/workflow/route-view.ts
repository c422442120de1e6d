// A document's route as everyone concerned sees it: each step with its kind and status, each
// signer with what he did and when (or why he refused), and, first, where the document is now
// — what the drafter most wants to know.
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { RouteSigner, RouteStep, RouteView } from '../../../../src/contract/workflow.ts';

export function routeView(route: RouteView, i18n: I18n): HTMLElement {
  return h(
    'div',
    { class: 'route', testid: 'route', attrs: { 'data-status': route.status } },
    h('p', { class: `route__now route__now--${route.status}`, testid: 'route-now', attrs: { role: 'status' } }, whereNow(route, i18n)),
    h('ol', { class: 'route-steps' }, ...route.steps.map((step) => stepItem(step, i18n))),
  );
}

/** "Waiting for step 2 — Signature: Hoàng Văn Nam", "Signed by everyone", "Refused by … : reason". */
export function whereNow(route: RouteView, i18n: I18n): string {
  if (route.status === 'done') return i18n.t('workflow.route.now.done');
  if (route.status === 'rejected') {
    const refusal = route.steps.flatMap((s) => s.signers).find((s) => s.status === 'rejected');
    return i18n.t('workflow.route.now.rejected', { name: refusal?.user.fullName ?? '—', reason: refusal?.reason ?? '—' });
  }
  const step = route.steps.find((s) => s.position === route.currentStep);
  if (!step) return '';
  const waiting = step.signers.filter((s) => s.status === 'pending').map((s) => s.user.fullName);
  return i18n.t('workflow.route.now.waiting', { position: step.position, kind: i18n.t(`workflow.kind.${step.kind}`), names: waiting.join(', ') });
}

function stepItem(step: RouteStep, i18n: I18n): HTMLElement {
  return h(
    'li',
    { class: `route-step route-step--${step.status}`, testid: `route-step-${step.position}`, attrs: { 'data-status': step.status, 'data-kind': step.kind } },
    h(
      'div',
      { class: 'route-step__head' },
      h('span', { class: 'route-step__position', attrs: { 'aria-hidden': 'true' } }, String(step.position)),
      h('strong', null, i18n.t(`workflow.kind.${step.kind}`)),
      h('span', { class: `status-pill status-pill--${step.status}` }, i18n.t(`workflow.step.${step.status}`)),
      step.overdue && step.status === 'active' ? h('span', { class: 'status-pill status-pill--bad' }, i18n.t('workflow.overdue')) : null,
    ),
    step.number ? h('p', { class: 'route-step__number', testid: 'route-step-number' }, i18n.t('workflow.route.number', { number: step.number })) : null,
    step.status === 'active' && step.dueAt ? h('p', { class: 'route-step__due' }, i18n.t('workflow.route.due', { at: i18n.formatDateTime(step.dueAt) })) : null,
    h('ul', { class: 'route-signers' }, ...step.signers.map((signer) => signerItem(signer, i18n))),
  );
}

function signerItem(signer: RouteSigner, i18n: I18n): HTMLElement {
  const when = signer.at ? i18n.formatDateTime(signer.at) : null;
  const what =
    signer.status === 'signed'
      ? i18n.t('workflow.signer.signed', { at: when ?? '' })
      : signer.status === 'rejected'
        ? i18n.t('workflow.signer.rejected', { at: when ?? '', reason: signer.reason ?? '' })
        : i18n.t('workflow.signer.pending');
  return h(
    'li',
    { class: `route-signer route-signer--${signer.status}`, testid: 'route-signer', attrs: { 'data-username': signer.user.username, 'data-status': signer.status } },
    h('span', { class: 'route-signer__name' }, signer.user.title ? `${signer.user.fullName} — ${signer.user.title}` : signer.user.fullName),
    h('span', { class: 'route-signer__what' }, what),
  );
}
