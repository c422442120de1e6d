// How big a page is drawn: fitted to the width or the whole page to the box it has, or a scale
// the reader chose (+/−, pinch, ctrl+wheel). Pure, so the rules are tested without a browser.

export type ZoomMode = 'fit-width' | 'fit-page' | 'custom';

export interface Zoom {
  readonly mode: ZoomMode;
  /** 1 = true size (100 %): a PDF point is 96/72 CSS pixels, as in every PDF viewer. */
  readonly scale: number;
}

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 5;
/** The steps +/− move through, as a reader of paper expects: 50 %, 75 %, 100 %, … */
const STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5];

export const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** CSS pixels per PDF point at 100 % (ISO 32000-1 §8.3.2.3: 1/72 inch; CSS: 1/96 inch). */
export const CSS_PX_PER_POINT = 96 / 72;

/** The scale that makes a page (its size at 100 %, CSS pixels) fill `box`, by width or whole. */
export function fitScale(mode: 'fit-width' | 'fit-page', page: { width: number; height: number }, box: { width: number; height: number }): number {
  const byWidth = box.width / page.width;
  if (mode === 'fit-width') return clampScale(byWidth);
  return clampScale(Math.min(byWidth, box.height / page.height));
}

/** A step changes the size by at least this much: from a fitted 48 %, "+" goes to 67 %, not 50 %. */
const MIN_STEP_RATIO = 1.1;

/** The next step up (+1) or down (−1) from `scale`. */
export function stepScale(scale: number, direction: 1 | -1): number {
  const eps = 0.005;
  if (direction > 0) return STEPS.find((s) => s >= scale * MIN_STEP_RATIO - eps) ?? MAX_SCALE;
  return [...STEPS].reverse().find((s) => s <= scale / MIN_STEP_RATIO + eps) ?? MIN_SCALE;
}

/** The zoom for a page in a box: fitted modes are worked out again for each page and box. */
export function resolveZoom(zoom: Zoom, page: { width: number; height: number }, box: { width: number; height: number }): Zoom {
  return zoom.mode === 'custom' ? zoom : { mode: zoom.mode, scale: fitScale(zoom.mode, page, box) };
}

/** "125 %": what the zoom button says. */
export const percent = (scale: number): string => `${Math.round(scale * 100)} %`;
