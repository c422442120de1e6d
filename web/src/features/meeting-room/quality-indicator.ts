import type { I18n } from '../../base/i18n/index.ts';
import { h } from '../../base/ui/index.ts';
import { QualityMeter, type QualitySample } from './connection-quality.ts';
import type { RoomSession } from './room-session.ts';
import './quality-indicator.css';

const POLL_MS = 2000;

/**
 * A dot and a word (good / fair / poor) in the room's header, refreshed every two seconds from
 * the transports' statistics; the numbers behind it are in its tooltip and accessible name.
 */
export function qualityIndicator(session: RoomSession, i18n: I18n): { element: HTMLElement; destroy(): void } {
  const meter = new QualityMeter();
  const label = h('span', { class: 'quality__label' });
  const element = h(
    'span',
    { class: 'quality', testid: 'room-quality', attrs: { role: 'status', 'data-quality': 'unknown' } },
    h('span', { class: 'quality__dot', attrs: { 'aria-hidden': 'true' } }),
    label,
  );

  const unknown: QualitySample = { level: 'unknown', rttMs: null, lossPercent: null };
  let last = unknown;
  const show = (sample: QualitySample): void => {
    last = sample;
    const { status } = session.store;
    // Measured only while media flows; before that, measuring; after giving up, no connection.
    const level = status === 'connected' ? sample.level : status === 'media-failed' ? 'failed' : 'unknown';
    element.dataset.quality = level;
    element.dataset.rtt = sample.rttMs === null ? '' : String(sample.rttMs);
    element.dataset.loss = sample.lossPercent === null ? '' : String(sample.lossPercent);
    label.textContent = i18n.t(`room.quality.${level}`);
    const details = [
      sample.rttMs === null ? null : i18n.t('room.quality.rtt', { ms: sample.rttMs }),
      sample.lossPercent === null ? null : i18n.t('room.quality.loss', { percent: sample.lossPercent.toLocaleString(i18n.locale) }),
    ].filter((part): part is string => part !== null);
    const title = [i18n.t(`room.quality.${level}`), ...details].join(' · ');
    element.title = title;
    element.setAttribute('aria-label', title);
  };

  let stopped = false;
  const poll = async (): Promise<void> => {
    try {
      show(meter.sample(await session.stats()));
    } catch {
      show(unknown);
    }
  };
  show(unknown);
  // The status decides what may be claimed: follow it at once, not at the next poll.
  const unsubscribe = session.store.subscribe((topic) => topic === 'connection' && show(last));
  const timer = setInterval(() => {
    if (!stopped) void poll();
  }, POLL_MS);
  void poll();

  return {
    element,
    destroy() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
    },
  };
}
