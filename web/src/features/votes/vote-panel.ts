import type { I18n } from '../../base/i18n/index.ts';
import { cardButton, meetingCard } from '../../base/meeting/meeting-card.ts';
import type { MeetingLink } from '../../base/meeting/index.ts';
import { h } from '../../base/ui/index.ts';
import { voteForm, type VoteDraft } from './vote-form.ts';
import { voteResult } from './vote-result.ts';
import { VOTE_CHOICES, type LiveTally, type Vote, type VoteChoice, type VoteView } from './vote-types.ts';
import './votes.css';

/**
 * Votes in the room: the chair opens one on the current item and closes it, seeing the live
 * count; everyone present sees the question and yes / no / abstain with their own choice
 * (changeable until close); the result, once frozen, is shown to all.
 */
export function votePanel(link: MeetingLink, i18n: I18n): { element: HTMLElement; destroy(): void } {
  const { meetingId } = link;
  let votes: VoteView[] = [];
  const live = new Map<string, LiveTally>();
  let busy = false;
  const card = meetingCard({ testid: 'vote-panel', title: i18n.t('vote.title'), id: 'vote-panel' });

  const fail = (error: unknown): void => link.say(error instanceof Error ? error.message : i18n.t('error.unexpected'), 'error');

  const upsert = (vote: Vote, mine?: Partial<Pick<VoteView, 'myBallot' | 'live'>>): void => {
    const at = votes.findIndex((v) => v.id === vote.id);
    const before = at >= 0 ? votes[at] : undefined;
    const next: VoteView = { ...vote, myBallot: mine?.myBallot ?? before?.myBallot ?? null, live: mine?.live ?? before?.live ?? null };
    if (at >= 0) votes[at] = next;
    else votes.push(next);
    render();
  };

  const open = async (draft: VoteDraft): Promise<void> => {
    try {
      const view = await link.request('openVote', { meetingId, ...draft });
      if (view.live) live.set(view.id, view.live);
      form.reset();
      upsert(view, view);
    } catch (error) {
      fail(error);
    }
  };
  // One form for the panel's life: a push redrawing the card keeps what the chair is typing.
  const form = voteForm(i18n, open);

  const cast = async (vote: VoteView, choice: VoteChoice): Promise<void> => {
    if (busy) return;
    busy = true;
    render();
    try {
      const ballot = await link.request('castBallot', { voteId: vote.id, choice });
      upsert(vote, { myBallot: { choice: ballot.choice, castAt: ballot.castAt } });
    } catch (error) {
      fail(error);
    } finally {
      busy = false;
      render();
    }
  };

  const close = async (vote: VoteView): Promise<void> => {
    if (busy) return;
    busy = true;
    render();
    try {
      upsert(await link.request('closeVote', { voteId: vote.id }));
    } catch (error) {
      fail(error);
    } finally {
      busy = false;
      render();
    }
  };

  const openVoteView = (vote: VoteView, chair: boolean): HTMLElement => {
    const mine = vote.myBallot?.choice ?? null;
    const tally = live.get(vote.id) ?? vote.live;
    return h(
      'div',
      { class: 'vote-open', testid: 'vote-current', attrs: { 'data-vote-id': vote.id } },
      h('p', { class: 'vote-open__question', testid: 'vote-current-question' }, vote.question),
      h('p', { class: 'meeting-card__muted' }, `${i18n.t(`vote.mode.${vote.mode}`)} · ${i18n.t(`vote.eligibility.${vote.eligibility}`)}`),
      h(
        'div',
        { class: 'meeting-card__row vote-open__choices', attrs: { role: 'group', 'aria-label': vote.question } },
        ...VOTE_CHOICES.map((c) => {
          const b = cardButton(`vote-${c}`, i18n.t(`vote.choice.${c}`), () => void cast(vote, c));
          b.setAttribute('aria-pressed', String(mine === c));
          b.disabled = busy;
          return b;
        }),
      ),
      h('p', { testid: 'vote-my-choice', attrs: { 'data-choice': mine ?? '' } }, mine ? i18n.t('vote.mine', { choice: i18n.t(`vote.choice.${mine}`) }) : i18n.t('vote.notYet')),
      chair && tally ? liveView(tally, vote.mode === 'secret') : null,
      chair ? Object.assign(cardButton('vote-close', i18n.t('vote.close'), () => void close(vote), 'danger'), { disabled: busy }) : null,
    );
  };

  const liveView = (tally: LiveTally, secret: boolean): HTMLElement =>
    h(
      'div',
      { class: 'vote-live', testid: 'vote-live', attrs: { 'data-cast': tally.cast, 'aria-live': 'polite' } },
      h('strong', null, i18n.t('vote.live', { cast: tally.cast, present: tally.present })),
      tally.counts
        ? h('span', null, ...VOTE_CHOICES.map((c) => h('span', { class: 'vote-live__count', testid: `vote-live-${c}` }, ` · ${i18n.t(`vote.choice.${c}`)} ${tally.counts?.[c] ?? 0}`)))
        : secret
          ? h('span', { class: 'meeting-card__muted' }, ` · ${i18n.t('vote.liveSecret')}`)
          : null,
    );

  const render = (): void => {
    const chair = link.me?.isChair ?? false;
    const current = votes.find((v) => v.status === 'open');
    const lastClosed = [...votes].reverse().find((v) => v.status === 'closed');
    const parts: (HTMLElement | null)[] = [
      current ? openVoteView(current, chair) : chair ? form : null,
      lastClosed ? voteResult(lastClosed, i18n) : null,
    ];
    card.body.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    // Nothing to show a participant before the first vote: the card stays out of the way.
    card.element.hidden = !chair && !current && !lastClosed;
  };

  const refresh = (): void => {
    link.request('getVotes', { meetingId }).then(
      (answer) => {
        votes = answer.votes;
        for (const v of votes) if (v.live) live.set(v.id, v.live);
        render();
      },
      () => {
        // Not connected right now: the next join reads them again.
      },
    );
  };

  const unsubscribe = link.onNotification((n) => {
    switch (n.method) {
      case 'voteOpened':
        if (n.data.meetingId !== meetingId) return;
        if (!link.me?.isChair && !votes.some((v) => v.id === n.data.id)) link.say(i18n.t('vote.opened', { question: n.data.question }));
        return upsert(n.data);
      case 'voteClosed':
        if (n.data.meetingId !== meetingId) return;
        if (!link.me?.isChair) link.say(i18n.t('vote.closedNotice', { question: n.data.question }));
        return upsert(n.data);
      case 'voteTally':
        if (!votes.some((v) => v.id === n.data.voteId)) return;
        live.set(n.data.voteId, n.data);
        return render();
    }
  });
  const unjoined = link.onJoined(refresh);
  render();
  refresh();

  return {
    element: card.element,
    destroy() {
      unsubscribe();
      unjoined();
    },
  };
}
