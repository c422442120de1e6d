// Generated sample images for tests, the dev PKI and the demo data: a blue handwritten-looking
// signature and a red round seal, both PNG with a transparent background — the formats Decree
// 30/2020/ND-CP Appendix I asks for. They are SPECIMENS: the seal reads "… THÀNH PHỐ MẪU"
// ("sample city") so nobody mistakes it for a real authority's seal.
import fontkit from '@pdf-lib/fontkit';
import { readDefaultFonts } from './fonts.ts';
import { InkMask, circle, star, type Point } from './raster.ts';
import type { AppearanceFonts } from './types.ts';

/** Ballpoint blue and seal red. */
const BLUE = [22, 48, 168] as const;
const RED = [218, 30, 40] as const;

/**
 * A cursive scrawl, 600 × 220 px (about 150 × 55 pt drawn at 288 dpi): an initial loop, a run
 * of small loops and an underline flourish, with a brush that thins where the pen moves fast.
 */
export function sampleSignaturePng(): Uint8Array {
  const mask = new InkMask(600, 220);
  // Hand-placed control points (image coordinates, y down) joined by a Catmull-Rom spline.
  const strokes: Point[][] = [
    [[48, 168], [60, 120], [78, 52], [92, 40], [100, 70], [104, 150], [112, 160], [132, 70], [150, 38], [160, 52]],
    [
      [150, 128], [168, 112], [184, 92], [176, 130], [198, 126], [222, 90], [212, 134], [238, 128],
      [262, 84], [250, 138], [282, 124], [300, 100], [312, 60], [322, 40], [318, 80], [314, 132],
      [336, 118], [362, 96], [352, 136], [382, 126], [404, 100], [420, 72], [414, 136], [446, 122],
      [468, 96], [488, 80], [480, 126], [508, 118], [540, 92], [566, 82],
    ],
    [[572, 80], [560, 130], [500, 168], [380, 184], [250, 186], [140, 178], [90, 170]],
  ];
  for (const points of strokes) brush(mask, catmullRom(points, 40));
  // The dot over an "i", as people add after the main stroke.
  mask.dab(338, 64, 4.2);
  return mask.toPng(...BLUE);
}

/** Smoothly interpolated points through `pts`, `perSegment` samples between two of them. */
function catmullRom(pts: Point[], perSegment: number): Point[] {
  const out: Point[] = [];
  const at = (i: number): Point => pts[Math.max(0, Math.min(pts.length - 1, i))] as Point;
  for (let i = 0; i < pts.length - 1; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    for (let s = 0; s < perSegment; s++) {
      const t = s / perSegment;
      const f = (a: number, b: number, c: number, d: number): number =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t * t + (-a + 3 * b - 3 * c + d) * t * t * t);
      out.push([f(p0[0], p1[0], p2[0], p3[0]), f(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  out.push(at(pts.length - 1));
  return out;
}

/** Dabs along the path every half pixel; width follows pen speed and tapers at both ends. */
function brush(mask: InkMask, path: Point[]): void {
  for (let i = 1; i < path.length; i++) {
    const [ax, ay] = path[i - 1] as Point;
    const [bx, by] = path[i] as Point;
    const len = Math.hypot(bx - ax, by - ay);
    const steps = Math.max(1, Math.ceil(len * 2));
    const progress = i / path.length;
    const taper = Math.min(1, progress * 12, (1 - progress) * 8);
    const radius = (1.4 + 2.6 / (1 + len / 6)) * (0.35 + 0.65 * taper);
    for (let s = 0; s < steps; s++) {
      mask.dab(ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps, radius, 0.92);
    }
  }
}

export interface SampleSealOptions {
  /** Width and height of the PNG, px. Default 480 (a 36 mm seal at about 340 dpi). */
  sizePx?: number;
  /** Text around the rim. */
  text?: string;
  /** Bold font used for the rim text; default Noto Sans Bold from assets/fonts. */
  fonts?: AppearanceFonts;
}

/** A red round seal: double rim, Vietnamese text along the top, a star in the middle. */
export async function sampleSealPng(options: SampleSealOptions = {}): Promise<Uint8Array> {
  const size = options.sizePx ?? 480;
  const text = (options.text ?? 'ỦY BAN NHÂN DÂN THÀNH PHỐ MẪU').normalize('NFC');
  const font = fontkit.create((options.fonts ?? (await readDefaultFonts())).bold);
  const mask = new InkMask(size, size);
  const c = size / 2;
  const outer = c - 2;
  const rim = size * 0.028;
  const inner = outer * 0.64;
  const thin = size * 0.009;
  mask.fill([circle(c, c, outer), circle(c, c, outer - rim, false)]);
  mask.fill([circle(c, c, inner), circle(c, c, inner - thin, false)]);

  // Rim text: glyph outlines bent round the circle, tops outward, reading clockwise over the top.
  const band = outer - rim - inner - thin;
  const fontPx = band * 0.72;
  const k = fontPx / font.unitsPerEm;
  const baseline = inner + thin + band * 0.17;
  const run = font.layout(text);
  const advances = run.positions.map((p) => p.xAdvance * k);
  const natural = advances.reduce((a, b) => a + b, 0);
  const arc = baseline * ((2 * Math.PI * 290) / 360); // leave the bottom free for a star
  const tracking = Math.max(0, (arc - natural) / Math.max(1, advances.length - 1));
  const total = natural + tracking * (advances.length - 1);
  let pen = -total / 2;
  run.glyphs.forEach((glyph, i) => {
    const adv = advances[i] ?? 0;
    const theta = (pen + adv / 2) / baseline; // angle from the top, clockwise
    const out: Point = [Math.sin(theta), -Math.cos(theta)];
    const along: Point = [Math.cos(theta), Math.sin(theta)];
    const place = ([gx, gy]: Point): Point => {
      const lx = gx * k - adv / 2;
      const ly = gy * k;
      return [c + out[0] * (baseline + ly) + along[0] * lx, c + out[1] * (baseline + ly) + along[1] * lx];
    };
    mask.fill(glyphPolygons(glyph.path).map((poly) => poly.map(place)));
    pen += adv + tracking;
  });
  mask.fill([star(c, c + baseline + band * 0.3, band * 0.32)]);
  mask.fill([star(c, c, inner * 0.5)]);
  return mask.toPng(...RED);
}

interface PathCommand {
  command: string;
  args: number[];
}

/** Flattens a fontkit glyph path (TrueType quadratics, CFF cubics) into closed polygons. */
function glyphPolygons(path: unknown): Point[][] {
  const commands = (path as { commands?: PathCommand[] }).commands ?? [];
  const polys: Point[][] = [];
  let current: Point[] = [];
  let pen: Point = [0, 0];
  const STEPS = 8;
  for (const { command, args } of commands) {
    const a = args as number[];
    if (command === 'moveTo') {
      if (current.length > 2) polys.push(current);
      current = [[a[0] ?? 0, a[1] ?? 0]];
    } else if (command === 'lineTo') {
      current.push([a[0] ?? 0, a[1] ?? 0]);
    } else if (command === 'quadraticCurveTo' || command === 'bezierCurveTo') {
      const pts: Point[] = [pen];
      for (let i = 0; i + 1 < a.length; i += 2) pts.push([a[i] ?? 0, a[i + 1] ?? 0]);
      for (let s = 1; s <= STEPS; s++) current.push(bezierAt(pts, s / STEPS));
    } else if (command === 'closePath') {
      if (current.length > 2) polys.push(current);
      current = [];
      continue;
    }
    pen = current[current.length - 1] ?? pen;
  }
  if (current.length > 2) polys.push(current);
  return polys;
}

/** De Casteljau evaluation of a Bézier curve of any degree. */
function bezierAt(pts: Point[], t: number): Point {
  let level = pts;
  while (level.length > 1) {
    level = level.slice(1).map((p, i): Point => {
      const q = level[i] as Point;
      return [q[0] + (p[0] - q[0]) * t, q[1] + (p[1] - q[1]) * t];
    });
  }
  return level[0] as Point;
}
