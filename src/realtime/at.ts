// setTimeout's longest delay (about 24.8 days); a longer one fires at once. Sessions may last 30.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `fn` at `when`, however far away (now, if it has passed); returns the canceller. */
export function at(when: Date, fn: () => void): () => void {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const ms = when.getTime() - Date.now();
    timer = ms > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(fn, Math.max(0, ms));
  };
  arm();
  return () => clearTimeout(timer);
}
