// Touch gestures over the page: two fingers pinch to zoom (followed live, settled when a finger
// lifts), one finger swipes to the next or previous page when the page fits across. The
// browser's own pinch-zoom is left out of this area (touch-action in viewer.css); scrolling
// with one finger stays native.

export interface GestureHandlers {
  /** The pinch so far: `ratio` of the distance between fingers now to when it began. */
  pinch(ratio: number, center: { x: number; y: number }): void;
  pinchEnd(ratio: number, center: { x: number; y: number }): void;
  /** +1: to the next page (finger moved left), −1: to the previous. */
  swipe(direction: 1 | -1): void;
  /** A swipe turns the page only when nothing is to be scrolled across. */
  canSwipe(): boolean;
}

const SWIPE_MIN_PX = 60;
const SWIPE_MAX_DRIFT_PX = 50;
const SWIPE_MAX_MS = 700;

type Point = { x: number; y: number };

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);
const middle = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/** Watches `element` until the returned function is called. */
export function watchGestures(element: HTMLElement, handlers: GestureHandlers): () => void {
  const pointers = new Map<number, Point>();
  let pinch: { startDistance: number; ratio: number; center: Point } | null = null;
  let swipe: { id: number; start: Point; at: number } | null = null;

  const down = (e: PointerEvent): void => {
    if (e.pointerType === 'mouse') return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 1) swipe = { id: e.pointerId, start: { x: e.clientX, y: e.clientY }, at: e.timeStamp };
    if (pointers.size === 2) {
      swipe = null;
      const [a, b] = [...pointers.values()] as [Point, Point];
      pinch = { startDistance: Math.max(1, distance(a, b)), ratio: 1, center: middle(a, b) };
    }
  };
  const move = (e: PointerEvent): void => {
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pinch && pointers.size >= 2) {
      const [a, b] = [...pointers.values()] as [Point, Point];
      pinch.ratio = distance(a, b) / pinch.startDistance;
      handlers.pinch(pinch.ratio, pinch.center);
    }
  };
  const up = (e: PointerEvent): void => {
    if (!pointers.delete(e.pointerId)) return;
    if (pinch) {
      if (pointers.size < 2) {
        handlers.pinchEnd(pinch.ratio, pinch.center);
        pinch = null;
      }
      return;
    }
    if (swipe && swipe.id === e.pointerId && e.type === 'pointerup') {
      const dx = e.clientX - swipe.start.x;
      const dy = e.clientY - swipe.start.y;
      const quick = e.timeStamp - swipe.at <= SWIPE_MAX_MS;
      if (quick && Math.abs(dx) >= SWIPE_MIN_PX && Math.abs(dy) <= SWIPE_MAX_DRIFT_PX && handlers.canSwipe()) handlers.swipe(dx < 0 ? 1 : -1);
    }
    swipe = null;
  };

  element.addEventListener('pointerdown', down);
  element.addEventListener('pointermove', move);
  element.addEventListener('pointerup', up);
  element.addEventListener('pointercancel', up);
  return () => {
    element.removeEventListener('pointerdown', down);
    element.removeEventListener('pointermove', move);
    element.removeEventListener('pointerup', up);
    element.removeEventListener('pointercancel', up);
  };
}
