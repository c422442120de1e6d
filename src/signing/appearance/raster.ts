// A tiny anti-aliased rasteriser for the generated sample images: one ink colour, coverage kept
// as alpha so the PNG background stays transparent (what Decree 30 asks of signature and seal
// images). Shapes combine by maximum coverage, like ink that does not get darker when it overlaps.
import { encodeRgbaPng } from './png-encode.ts';

export type Point = [number, number];

/** Sub-scanlines per pixel row; horizontal coverage is computed exactly. */
const SUBSAMPLES = 8;

export class InkMask {
  readonly width: number;
  readonly height: number;
  readonly coverage: Float32Array;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.coverage = new Float32Array(width * height);
  }

  /** A round brush dab centred on (cx, cy), radius r px, with a one-pixel soft edge. */
  dab(cx: number, cy: number, r: number, alpha = 1): void {
    const x0 = Math.max(0, Math.floor(cx - r - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + r + 1));
    const y0 = Math.max(0, Math.floor(cy - r - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + r + 1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const a = Math.min(1, Math.max(0, r + 0.5 - d)) * alpha;
        const i = y * this.width + x;
        if (a > (this.coverage[i] ?? 0)) this.coverage[i] = a;
      }
    }
  }

  /** Fills closed polygons with the non-zero winding rule (as PDF/TrueType glyphs do). */
  fill(polygons: readonly Point[][], alpha = 1): void {
    const edges: [number, number, number, number][] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    for (const poly of polygons) {
      for (let i = 0; i < poly.length; i++) {
        const [ax, ay] = poly[i] as Point;
        const [bx, by] = poly[(i + 1) % poly.length] as Point;
        if (ay === by) continue;
        edges.push([ax, ay, bx, by]);
        minY = Math.min(minY, ay, by);
        maxY = Math.max(maxY, ay, by);
      }
    }
    const row = new Float32Array(this.width);
    const crossings: [number, number][] = [];
    for (let py = Math.max(0, Math.floor(minY)); py <= Math.min(this.height - 1, Math.ceil(maxY)); py++) {
      row.fill(0);
      for (let s = 0; s < SUBSAMPLES; s++) {
        const sy = py + (s + 0.5) / SUBSAMPLES;
        crossings.length = 0;
        for (const [ax, ay, bx, by] of edges) {
          if ((ay <= sy && by > sy) || (by <= sy && ay > sy)) {
            crossings.push([ax + ((sy - ay) * (bx - ax)) / (by - ay), by > ay ? 1 : -1]);
          }
        }
        crossings.sort((p, q) => p[0] - q[0]);
        let winding = 0;
        for (let i = 0; i < crossings.length - 1; i++) {
          winding += (crossings[i] as [number, number])[1];
          if (winding !== 0) this.span(row, (crossings[i] as Point)[0], (crossings[i + 1] as Point)[0]);
        }
      }
      for (let x = 0; x < this.width; x++) {
        const a = Math.min(1, (row[x] ?? 0) / SUBSAMPLES) * alpha;
        const i = py * this.width + x;
        if (a > (this.coverage[i] ?? 0)) this.coverage[i] = a;
      }
    }
  }

  /** Adds the exact horizontal coverage of [xa, xb) to one sub-scanline. */
  private span(row: Float32Array, xa: number, xb: number): void {
    const a = Math.max(0, xa);
    const b = Math.min(this.width, xb);
    for (let x = Math.floor(a); x < Math.ceil(b); x++) {
      row[x] = (row[x] ?? 0) + Math.min(b, x + 1) - Math.max(a, x);
    }
  }

  /** PNG in one colour whose alpha is the coverage. */
  toPng(r: number, g: number, b: number): Uint8Array {
    const rgba = new Uint8Array(this.width * this.height * 4);
    for (let i = 0; i < this.coverage.length; i++) {
      rgba.set([r, g, b, Math.round((this.coverage[i] ?? 0) * 255)], i * 4);
    }
    return encodeRgbaPng(this.width, this.height, rgba);
  }
}

/** A circle as a polygon; `clockwise` false reverses it, cutting a hole under non-zero winding. */
export function circle(cx: number, cy: number, r: number, clockwise = true, steps = 256): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i < steps; i++) {
    const t = ((clockwise ? i : -i) / steps) * 2 * Math.PI;
    pts.push([cx + r * Math.cos(t), cy + r * Math.sin(t)]);
  }
  return pts;
}

/** A five-pointed star centred on (cx, cy), one point straight up (image y grows downward). */
export function star(cx: number, cy: number, outer: number, inner = outer * 0.382): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 ? inner : outer;
    const t = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(t), cy + r * Math.sin(t)]);
  }
  return pts;
}
