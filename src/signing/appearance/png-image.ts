// Signature and seal images are PNG only (Decree 30/2020/ND-CP Appendix I: "định dạng (.png)
// nền trong suốt"). pdf-lib decodes PNG with UPNG and writes the alpha channel as an /SMask
// (ISO 32000-1 §11.6.5.3), which is what keeps the background transparent over the page.
//
// Images come from users, so we check the file ourselves before pdf-lib sees it: UPNG is lenient
// (a truncated IDAT can decode to garbage instead of failing) and would inflate a "PNG bomb"
// without limit. The check follows the PNG specification (ISO/IEC 15948, §5 datastream, §11
// chunks): signature, chunk CRCs, IHDR first, IEND last, and the inflated image data exactly as
// long as IHDR says.
import { crc32, inflateSync } from 'node:zlib';
import { PDFArray, PDFContext, PDFName, PDFNumber, PDFRawStream, PDFRef, PngEmbedder, type PDFDict, type PDFDocument } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { ContentCache } from './content-cache.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** 4 megapixels: a 40 mm seal at 1200 dpi is 1.9 Mpx. pdf-lib holds 4 bytes per pixel. */
const MAX_PIXELS = 4_000_000;
const MAX_SIDE = 8192;
/** Allowed bit depths per colour type (PNG §11.2.2, Table 11.1). */
const DEPTHS: Record<number, { depths: number[]; channels: number }> = {
  0: { depths: [1, 2, 4, 8, 16], channels: 1 }, // greyscale
  2: { depths: [8, 16], channels: 3 }, // truecolour
  3: { depths: [1, 2, 4, 8], channels: 1 }, // indexed
  4: { depths: [8, 16], channels: 2 }, // greyscale + alpha
  6: { depths: [8, 16], channels: 4 }, // truecolour + alpha
};

export interface PngInfo {
  width: number;
  height: number;
  colourType: number;
  bitDepth: number;
  /** True when the image can be transparent (alpha channel or tRNS chunk). */
  hasTransparency: boolean;
}

const invalid = (what: string, reason: string, cause?: unknown): SigningError =>
  new SigningError('signing.image_invalid', `${what} is not a usable PNG image: ${reason}`, { cause });

/** Validates a PNG fully (structure, CRCs, image data length); throws signing.image_invalid. */
export function inspectPng(bytes: Uint8Array, what = 'The image'): PngInfo {
  if (!(bytes instanceof Uint8Array) || bytes.length < SIGNATURE.length + 12 + 13 + 12) {
    throw invalid(what, 'too short');
  }
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw invalid(what, 'no PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = SIGNATURE.length;
  let ihdr: PngInfo | undefined;
  let hasPalette = false;
  let hasTrns = false;
  let interlaced = false;
  let ended = false;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    if (ended) throw invalid(what, 'data after IEND');
    if (offset + 12 > bytes.length) throw invalid(what, 'truncated chunk');
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw invalid(what, 'truncated chunk');
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(end - 4)) {
      throw invalid(what, `CRC mismatch in ${type} chunk`);
    }
    if (!ihdr && type !== 'IHDR') throw invalid(what, 'IHDR is not the first chunk');
    switch (type) {
      case 'IHDR': {
        if (ihdr || length !== 13) throw invalid(what, 'bad IHDR');
        ihdr = readIhdr(data, what);
        interlaced = data[12] === 1;
        break;
      }
      case 'PLTE':
        hasPalette = true;
        break;
      case 'tRNS':
        hasTrns = true;
        break;
      case 'IDAT':
        idat.push(data);
        break;
      case 'IEND':
        ended = true;
        break;
    }
    offset = end;
  }
  if (!ihdr || !ended) throw invalid(what, 'missing IEND (truncated file)');
  if (ihdr.colourType === 3 && !hasPalette) throw invalid(what, 'indexed colour without PLTE');
  if (!idat.length) throw invalid(what, 'no image data');
  const expected = imageDataLength(ihdr, interlaced);
  let inflated: Buffer;
  try {
    // maxOutputLength stops a decompression bomb before it allocates.
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch (cause) {
    throw invalid(what, 'corrupt image data', cause);
  }
  if (inflated.length !== expected) throw invalid(what, 'image data has the wrong length');
  return { ...ihdr, hasTransparency: ihdr.hasTransparency || hasTrns };
}

function readIhdr(data: Uint8Array, what: string): PngInfo {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [bitDepth = 0, colourType = -1, compression, filter, interlace] = data.subarray(8, 13);
  if (!width || !height || width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw invalid(what, `size ${width}×${height} outside 1–${MAX_SIDE} px per side, ${MAX_PIXELS} px total`);
  }
  if (!DEPTHS[colourType]?.depths.includes(bitDepth)) throw invalid(what, 'bad colour type or bit depth');
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) {
    throw invalid(what, 'unknown compression, filter or interlace method');
  }
  return { width, height, colourType, bitDepth, hasTransparency: colourType === 4 || colourType === 6 };
}

/** Bytes of filtered image data: one filter byte per scanline (PNG §9), per Adam7 pass (§8.2). */
function imageDataLength(info: PngInfo, interlaced: boolean): number {
  const bitsPerPixel = (DEPTHS[info.colourType]?.channels ?? 1) * info.bitDepth;
  const rowBytes = (w: number): number => Math.ceil((w * bitsPerPixel) / 8);
  if (!interlaced) return info.height * (1 + rowBytes(info.width));
  // Adam7 passes: [x start, y start, x step, y step].
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  let total = 0;
  for (const [x0 = 0, y0 = 0, dx = 1, dy = 1] of passes) {
    const w = Math.ceil((info.width - x0) / dx);
    const h = Math.ceil((info.height - y0) / dy);
    if (w > 0 && h > 0) total += h * (1 + rowBytes(w));
  }
  return total;
}

/** An image XObject registered in a document (what a FormCanvas draws). */
export interface EmbeddedImage {
  ref: PDFRef;
  width: number;
  height: number;
}

/**
 * The image as PDF streams, ready to copy: pdf-lib's PNG embedding (UPNG decoding, the colour
 * and alpha channels split and deflated in JavaScript) was a third of a visible signature's cost,
 * and a worker signs with the same few signature and seal images again and again.
 */
interface DecodedPng {
  width: number;
  height: number;
  image: { dict: PDFDict; contents: Uint8Array };
  smask?: { dict: PDFDict; contents: Uint8Array };
}

const decodedPngs = new ContentCache<Promise<DecodedPng>>(32);

/** Validates, decodes once per thread (pdf-lib's PngEmbedder into a scratch context) and caches. */
function decodePng(bytes: Uint8Array, what: string): Promise<DecodedPng> {
  return decodedPngs.get(bytes, async () => {
    inspectPng(bytes, what);
    const scratch = PDFContext.create();
    let image: PDFRawStream;
    let smask: PDFRawStream | undefined;
    try {
      image = rawStream(scratch, await (await PngEmbedder.for(bytes)).embedIntoContext(scratch));
      const smaskRef = image.dict.get(PDFName.of('SMask'));
      smask = smaskRef instanceof PDFRef ? rawStream(scratch, smaskRef) : undefined;
    } catch (cause) {
      throw invalid(what, cause instanceof Error ? cause.message : 'unreadable', cause);
    }
    image.dict.delete(PDFName.of('SMask'));
    const width = image.dict.lookup(PDFName.of('Width'), PDFNumber).asNumber();
    const height = image.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber();
    return {
      width,
      height,
      image: { dict: image.dict, contents: image.contents },
      smask: smask && { dict: smask.dict, contents: smask.contents },
    };
  });
}

function rawStream(context: PDFContext, ref: PDFRef): PDFRawStream {
  const stream = context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) throw new Error('pdf-lib embedded a PNG as something other than a raw stream');
  return stream;
}

/** A copy of a cached stream dictionary for `doc`; arrays (/Decode) copied too, names and numbers are immutable. */
function copyDict(dict: PDFDict, doc: PDFDocument): PDFDict {
  const copy = dict.clone(doc.context);
  for (const [key, value] of copy.entries()) if (value instanceof PDFArray) copy.set(key, value.clone(doc.context));
  return copy;
}

/**
 * Validates a PNG and writes it into `doc` as an image XObject with its alpha channel as /SMask;
 * any failure, ours or pdf-lib's, is signing.image_invalid. The deflated streams are shared
 * between documents (nothing writes to them), each document gets its own objects.
 */
export async function embedPngImage(doc: PDFDocument, bytes: Uint8Array, what: string): Promise<EmbeddedImage> {
  if (!(bytes instanceof Uint8Array)) throw invalid(what, 'too short');
  const decoded = await decodePng(bytes, what);
  const dict = copyDict(decoded.image.dict, doc);
  if (decoded.smask) {
    const smask = PDFRawStream.of(copyDict(decoded.smask.dict, doc), decoded.smask.contents);
    dict.set(PDFName.of('SMask'), doc.context.register(smask));
  }
  const ref = doc.context.register(PDFRawStream.of(dict, decoded.image.contents));
  return { ref, width: decoded.width, height: decoded.height };
}
