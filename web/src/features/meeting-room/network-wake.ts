/**
 * Calls `onWake` when the network may be back or a sleeping tablet woke up, so the session
 * tries now instead of waiting out its back-off; returns the function that stops listening.
 */
export type NetworkWake = (onWake: () => void) => () => void;

/** The browser's signals: `online`, and the page becoming visible again. */
export const browserNetworkWake: NetworkWake = (onWake) => {
  const listener = (): void => {
    if (document.visibilityState === 'visible') onWake();
  };
  window.addEventListener('online', listener);
  document.addEventListener('visibilitychange', listener);
  return () => {
    window.removeEventListener('online', listener);
    document.removeEventListener('visibilitychange', listener);
  };
};
