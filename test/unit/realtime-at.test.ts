import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { at } from '../../src/realtime/at.ts';

// The timer that ends a socket at its session's expiry.

describe('at()', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());
  const DAY = 86_400_000;

  it('fires at the time, not before', () => {
    const fn = vi.fn();
    at(new Date(Date.now() + 5_000), fn);
    vi.advanceTimersByTime(4_999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledOnce();
  });

  it('waits for a time past setTimeout’s 24.8-day limit instead of firing at once', () => {
    const fn = vi.fn();
    at(new Date(Date.now() + 30 * DAY), fn);
    vi.advanceTimersByTime(29 * DAY);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DAY);
    expect(fn).toHaveBeenCalledOnce();
  });

  it('fires at once for a time already past, and not at all once cancelled', () => {
    const past = vi.fn();
    at(new Date(Date.now() - 1_000), past);
    vi.advanceTimersByTime(0);
    expect(past).toHaveBeenCalledOnce();
    const cancelled = vi.fn();
    const cancel = at(new Date(Date.now() + 30 * DAY), cancelled);
    vi.advanceTimersByTime(25 * DAY);
    cancel();
    vi.advanceTimersByTime(10 * DAY);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
