// The verdict on a signed PDF, as `ecabinet verify` gives it: the overall answer first and
// large, then one row per signature — valid or why not, who signed for which organisation,
// when (claimed, and proven by a timestamp), the PAdES level, and whether it covers the whole
// document or what was appended after it.
import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import type { SignatureReportView, VerificationReportView } from '../../../../src/contract/workflow.ts';

type Verdict = 'valid' | 'invalid' | 'unsigned';

function verdictOf(report: VerificationReportView): Verdict {
  if (report.signatures.length === 0) return 'unsigned';
  return report.ok ? 'valid' : 'invalid';
}

export function verificationReportView(report: VerificationReportView, i18n: I18n): HTMLElement {
  const verdict = verdictOf(report);
  const headline = h(
    'div',
    { class: `verdict verdict--${verdict}`, testid: 'verification-verdict', attrs: { 'data-verdict': verdict, role: 'status' } },
    h('strong', { class: 'verdict__title' }, i18n.t(`workflow.verify.verdict.${verdict}`)),
    verdict === 'unsigned' ? null : h('span', { class: 'verdict__count' }, i18n.t('workflow.verify.count', { count: report.signatures.length })),
  );
  const problems = report.document.problems.length > 0 ? h('ul', { class: 'verify-problems' }, ...report.document.problems.map((p) => h('li', null, p))) : null;
  return h(
    'div',
    { class: 'verification', testid: 'verification-report' },
    headline,
    report.signatures.length > 0 ? h('ol', { class: 'verify-rows' }, ...report.signatures.map((s, i) => signatureRow(s, i, i18n))) : null,
    problems,
  );
}

function signatureRow(sig: SignatureReportView, index: number, i18n: I18n): HTMLElement {
  const time = (iso: string | null): string => (iso ? i18n.formatDateTime(iso) : i18n.t('workflow.verify.none'));
  const signer = sig.signer?.commonName ?? sig.signer?.subject ?? i18n.t('workflow.verify.unknownSigner');
  const fact = (label: string, value: string, testid?: string): HTMLElement[] => [
    h('dt', null, label),
    h('dd', { testid }, value),
  ];
  const coverage = sig.coversWholeFile
    ? i18n.t('workflow.verify.coversAll')
    : i18n.t('workflow.verify.changedAfter', { changes: changesAfter(sig, i18n) });
  return h(
    'li',
    { class: `verify-row verify-row--${sig.ok ? 'ok' : 'bad'}`, testid: 'verification-row', attrs: { 'data-status': sig.status, 'data-signer': signer } },
    h(
      'div',
      { class: 'verify-row__head' },
      h('span', { class: `status-pill status-pill--${sig.ok ? 'ok' : 'bad'}` }, i18n.t(`workflow.verify.status.${sig.status}`)),
      h('strong', { class: 'verify-row__signer' }, `${index + 1}. ${signer}`),
    ),
    h(
      'dl',
      { class: 'verify-facts' },
      ...fact(i18n.t('workflow.verify.organisation'), sig.organisation ?? i18n.t('workflow.verify.none')),
      ...fact(i18n.t('workflow.verify.signingTime'), time(sig.signingTime)),
      ...fact(i18n.t('workflow.verify.timestamp'), sig.timestamp.present ? time(sig.timestampTime) : i18n.t('workflow.verify.noTimestamp')),
      ...fact(i18n.t('workflow.verify.level'), sig.level === 'none' || sig.level === 'unknown' ? i18n.t('workflow.verify.levelUnknown') : `PAdES ${sig.level}`),
      ...fact(i18n.t('workflow.verify.coverage'), coverage, 'verification-coverage'),
    ),
    sig.modifications.length > 0 || (!sig.ok && problemsOf(sig).length > 0)
      ? h('ul', { class: 'verify-problems' }, ...[...sig.modifications, ...problemsOf(sig)].map((line) => h('li', null, line)))
      : null,
  );
}

/** What was appended after a signature: "1 more signature, validation data" in words. */
function changesAfter(sig: SignatureReportView, i18n: I18n): string {
  const kinds = sig.modifiedAfter.filter((r) => r.kind !== 'inert' && r.kind !== 'base').map((r) => i18n.t(`workflow.verify.revision.${r.kind as Exclude<typeof r.kind, 'base' | 'inert'>}`));
  if (kinds.length === 0) return i18n.t('workflow.verify.revision.inert');
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => (n > 1 ? `${n} × ${kind}` : kind)).join(', ');
}

function problemsOf(sig: SignatureReportView): string[] {
  return [...sig.integrity.problems, ...sig.chain.problems, ...sig.revocation.problems];
}
