// Decoding stream data (ISO 32000-1 §7.3.8, §7.4). pdf-lib's own decoder ignores /DecodeParms
// predictors, which cross-reference streams almost always use (§7.4.4.4, Predictor 12), so
// FlateDecode goes through node:zlib here. Output is capped per stream and per file against
// decompression bombs (limits.ts): 'pdf.too_complex' beyond that.
import { inflateSync, inflateRawSync, constants as zlibConstants } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { LIMITS } from './limits.ts';

/** What one reader may still decompress: the per-file budget, shared by every decode. */
export class DecodeBudget {
  private left: number;

  constructor(total: number = LIMITS.decodedBytes) {
    this.left = total;
  }

  /** The most the next stream may decode to. */
  room(): number {
    return Math.max(0, Math.min(LIMITS.streamBytes, this.left));
  }

  spend(bytes: number): void {
    this.left -= bytes;
  }
}

function tooLarge(): SigningError {
  return new SigningError('pdf.too_complex', `A stream of the PDF decompresses to more than the reader accepts (${LIMITS.streamBytes / 1024 / 1024} MB each, ${LIMITS.decodedBytes / 1024 / 1024} MB in all).`);
}

export function decodeStream(stream: PDFRawStream, budget: DecodeBudget = new DecodeBudget()): Uint8Array {
  const limit = budget.room();
  const dict = stream.dict;
  const filter = dict.lookup(PDFName.of('Filter'));
  const parms = dict.lookup(PDFName.of('DecodeParms'));
  // A reference the context cannot resolve (cross-reference and object streams are read with
  // scratch contexts) must not silently mean "no filter".
  for (const [key, value] of [['Filter', filter], ['DecodeParms', parms]] as const) {
    if (dict.get(PDFName.of(key)) instanceof PDFRef && value === undefined) throw new Error(`stream /${key} is an indirect reference that cannot be resolved here`);
  }
  const filters: PDFName[] = [];
  const parmList: (PDFDict | undefined)[] = [];
  if (filter instanceof PDFName) {
    filters.push(filter);
    parmList.push(parms instanceof PDFDict ? parms : undefined);
  } else if (filter instanceof PDFArray) {
    for (let i = 0; i < filter.size(); i++) {
      const f = filter.lookup(i);
      if (!(f instanceof PDFName)) throw new Error('stream /Filter array holds a non-name');
      filters.push(f);
      const p = parms instanceof PDFArray ? parms.lookup(i) : undefined;
      parmList.push(p instanceof PDFDict ? p : undefined);
    }
  } else if (filter !== undefined) {
    throw new Error('stream /Filter is neither a name nor an array');
  }
  if (filters.length > 8) throw new Error('stream /Filter chain longer than 8');
  let data: Uint8Array = stream.contents;
  filters.forEach((f, i) => {
    data = applyFilter(stream, f, data, limit);
    data = applyPredictor(data, parmList[i]);
  });
  budget.spend(data.length);
  return data;
}

const CHUNK = 1 << 20;

function applyFilter(stream: PDFRawStream, filter: PDFName, data: Uint8Array, limit: number): Uint8Array {
  if (filter === PDFName.of('FlateDecode') || filter === PDFName.of('Fl')) return inflate(data, limit);
  // The other standard filters (§7.4.3, 7.4.4.2, 7.4.5): pdf-lib's decoders, one filter at a
  // time, read in chunks so a bomb stops at the limit instead of after filling the memory.
  const single = PDFRawStream.of(stream.dict.context.obj({ Filter: filter }), data);
  const decoder = decodePDFRawStream(single);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const part = decoder.getBytes(CHUNK);
    if (part.length === 0) break;
    total += part.length;
    if (total > limit) throw tooLarge();
    parts.push(Uint8Array.from(part));
    if (part.length < CHUNK) break;
  }
  return parts.length === 1 ? (parts[0] as Uint8Array) : new Uint8Array(Buffer.concat(parts));
}

function inflate(data: Uint8Array, limit: number): Uint8Array {
  // Z_SYNC_FLUSH tolerates a missing final block or checksum, which some producers write.
  const opts = { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, limit) };
  const tooBig = (err: unknown) => err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
  try {
    return new Uint8Array(inflateSync(data, opts));
  } catch (err) {
    if (tooBig(err)) throw tooLarge();
    // A damaged zlib header over a valid deflate body.
    try {
      return new Uint8Array(inflateRawSync(data.subarray(2), opts));
    } catch (raw) {
      if (tooBig(raw)) throw tooLarge();
      throw raw;
    }
  }
}

function num(parms: PDFDict, key: string, fallback: number): number {
  const v = parms.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : fallback;
}

/** §7.4.4.4 Table 8: TIFF predictor 2 (8-bit components) and PNG predictors 10–15. */
function applyPredictor(data: Uint8Array, parms: PDFDict | undefined): Uint8Array {
  if (!parms) return data;
  const predictor = num(parms, 'Predictor', 1);
  if (predictor <= 1) return data;
  const colors = num(parms, 'Colors', 1);
  const bpc = num(parms, 'BitsPerComponent', 8);
  const columns = num(parms, 'Columns', 1);
  const ok = (v: number, max: number) => Number.isInteger(v) && v >= 1 && v <= max;
  if (!ok(colors, 32) || !ok(bpc, 16) || !ok(columns, 1 << 24)) throw new Error('bad /DecodeParms');
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw new Error('TIFF predictor with other than 8 bits per component');
    const out = Uint8Array.from(data);
    for (let row = 0; row + rowLen <= out.length; row += rowLen) {
      for (let i = row + bpp; i < row + rowLen; i++) out[i] = ((out[i] as number) + (out[i - bpp] as number)) & 0xff;
    }
    return out;
  }
  if (predictor < 10 || predictor > 15) throw new Error(`unknown predictor ${predictor}`);
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)] as number;
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const raw = data[src + i] as number;
      const left = i >= bpp ? (out[dst + i - bpp] as number) : 0;
      const up = r > 0 ? (out[dst - rowLen + i] as number) : 0;
      const upLeft = r > 0 && i >= bpp ? (out[dst - rowLen + i - bpp] as number) : 0;
      let v: number;
      switch (type) {
        case 0: v = raw; break;
        case 1: v = raw + left; break;
        case 2: v = raw + up; break;
        case 3: v = raw + ((left + up) >> 1); break;
        case 4: v = raw + paeth(left, up, upLeft); break;
        default: throw new Error(`bad PNG row filter ${type}`);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
