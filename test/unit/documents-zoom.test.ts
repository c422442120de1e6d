// The viewer's zoom rules (web/src/features/documents/zoom.ts): fitted to the box it has, or a
// step a reader of paper expects, never past the limits.
import { describe, expect, it } from 'vitest';
import { fitScale, MAX_SCALE, MIN_SCALE, percent, resolveZoom, stepScale } from '../../web/src/features/documents/zoom.ts';

// An A4 page at 100 %: 595 × 842 points, 4/3 CSS pixels each.
const a4 = { width: (595 * 4) / 3, height: (842 * 4) / 3 };

describe('zoom', () => {
  it('fits the width, or the whole page, of a portrait and a landscape tablet', () => {
    const portrait = { width: 744, height: 900 };
    expect(fitScale('fit-width', a4, portrait)).toBeCloseTo(744 / a4.width, 5);
    expect(fitScale('fit-page', a4, portrait)).toBeCloseTo(900 / a4.height, 5);
    const landscape = { width: 1000, height: 600 };
    expect(fitScale('fit-page', a4, landscape)).toBeCloseTo(600 / a4.height, 5);
  });

  it('steps through the usual scales and stops at the limits', () => {
    expect(stepScale(1, 1)).toBe(1.1);
    expect(stepScale(1, -1)).toBe(0.9);
    // A step is a visible change: at least 10 %, whatever the fitted scale it starts from.
    expect(stepScale(0.48, 1)).toBe(0.67);
    expect(stepScale(0.93, 1)).toBe(1.1);
    expect(stepScale(0.93, -1)).toBe(0.75);
    expect(stepScale(1.05, -1)).toBe(0.9);
    expect(stepScale(MAX_SCALE, 1)).toBe(MAX_SCALE);
    expect(stepScale(MIN_SCALE, -1)).toBe(MIN_SCALE);
    expect(fitScale('fit-width', a4, { width: 10_000, height: 100 })).toBe(MAX_SCALE);
  });

  it('works a fitted zoom out again for each box, and keeps a chosen one', () => {
    expect(resolveZoom({ mode: 'fit-width', scale: 3 }, a4, { width: 793, height: 500 }).scale).toBeCloseTo(1, 2);
    expect(resolveZoom({ mode: 'custom', scale: 1.5 }, a4, { width: 793, height: 500 })).toEqual({ mode: 'custom', scale: 1.5 });
    expect(percent(1.25)).toBe('125 %');
  });
});
