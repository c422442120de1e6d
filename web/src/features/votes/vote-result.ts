import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { VOTE_CHOICES, type Vote } from './vote-types.ts';

/** A closed vote's frozen result: counts, ballots over eligible voters, and who voted (how, if open). */
export function voteResult(vote: Vote, i18n: I18n): HTMLElement {
  const result = vote.result;
  if (!result) return h('div');
  const secret = vote.mode === 'secret';
  return h(
    'div',
    { class: 'vote-result', testid: 'vote-result', attrs: { 'data-vote-id': vote.id } },
    h('p', { class: 'vote-result__question' }, i18n.t('vote.result', { question: vote.question })),
    h(
      'ul',
      { class: 'vote-result__counts' },
      ...VOTE_CHOICES.map((c) =>
        h('li', { class: `vote-result__count vote-result__count--${c}`, testid: `vote-result-${c}`, attrs: { 'data-count': result.counts[c] } }, h('strong', null, String(result.counts[c])), ` ${i18n.t(`vote.choice.${c}`)}`),
      ),
    ),
    h('p', { class: 'meeting-card__muted', testid: 'vote-result-cast' }, i18n.t('vote.resultCast', { cast: result.cast, eligible: result.eligible })),
    result.voters.length > 0
      ? h(
          'details',
          { class: 'vote-result__voters' },
          h('summary', null, i18n.t(secret ? 'vote.votersSecret' : 'vote.voters')),
          h(
            'ul',
            { testid: 'vote-voters' },
            ...result.voters.map((v) => h('li', null, `${v.fullName} · ${v.unit.name}`, v.choice ? h('strong', null, ` — ${i18n.t(`vote.choice.${v.choice}`)}`) : null)),
          ),
        )
      : null,
  );
}
