// The service worker at /sw.js (web/build/service-worker.ts) for the whole origin. Built apps
// only: `vite web` (development) serves modules the worker knows nothing about.

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
    // Without it the app still works online; documents are still checked and shown.
    console.warn('service worker not registered', err);
  });
  // Ask that the documents kept for offline reading are not evicted when the tablet runs short
  // of space (the browser decides; without it they may be dropped and fetched again).
  void navigator.storage?.persist?.().catch(() => false);
}
