import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { VOTE_ELIGIBILITIES, VOTE_MODES, type VoteEligibility, type VoteMode } from './vote-types.ts';

export interface VoteDraft {
  question: string;
  mode: VoteMode;
  eligibility: VoteEligibility;
}

/** The chair's form to put a question to the meeting: the question, open or secret, per person or per unit. */
export function voteForm(i18n: I18n, onOpen: (draft: VoteDraft) => Promise<void>): HTMLFormElement {
  const question = h('input', {
    class: 'vote-form__question',
    testid: 'vote-question',
    attrs: { type: 'text', name: 'question', required: true, maxlength: 500, placeholder: i18n.t('vote.questionPlaceholder'), 'aria-label': i18n.t('vote.question') },
  });
  const select = <T extends string>(testid: string, label: string, values: readonly T[], text: (v: T) => string) =>
    h('select', { class: 'vote-form__select', testid, attrs: { 'aria-label': label } }, ...values.map((v) => h('option', { attrs: { value: v } }, text(v))));
  const mode = select('vote-mode', i18n.t('vote.mode'), VOTE_MODES, (m) => i18n.t(`vote.mode.${m}`));
  const eligibility = select('vote-eligibility', i18n.t('vote.eligibility'), VOTE_ELIGIBILITIES, (e) => i18n.t(`vote.eligibility.${e}`));
  const submit = h('button', { class: 'card-button card-button--primary', testid: 'vote-open', attrs: { type: 'submit' } }, i18n.t('vote.open'));
  const form = h(
    'form',
    {
      class: 'vote-form',
      testid: 'vote-open-form',
      on: {
        submit: (event) => {
          event.preventDefault();
          const text = question.value.trim();
          if (!text) return question.focus();
          submit.disabled = true;
          void onOpen({ question: text, mode: mode.value as VoteMode, eligibility: eligibility.value as VoteEligibility }).finally(() => {
            submit.disabled = false;
          });
        },
      },
    },
    question,
    h('div', { class: 'meeting-card__row' }, mode, eligibility, submit),
  );
  return form;
}
