// pdf-lib compresses the streams it makes — the font subsets and ToUnicode CMaps of a visible
// signature, its appearance content, the DSS entries — with pako, in JavaScript, setting up a
// fresh deflate state (~300 kB of tables) per stream: a tenth of a visible signature's cost and
// much of its garbage. node:zlib makes the same FlateDecode data natively.
import { deflateSync } from 'node:zlib';
import { PDFContentStream, typedArrayFor, type PDFContext, type PDFOperator, type PDFRawStream } from 'pdf-lib';

type LiteralObject = Parameters<PDFContext['stream']>[1];

/** Makes `context.flateStream` (used by pdf-lib's font embedders and by us) deflate with node:zlib. */
export function deflateNatively(context: PDFContext): void {
  context.flateStream = (contents, dict = {}) => context.stream(deflateSync(typedArrayFor(contents)), { ...dict, Filter: 'FlateDecode' });
}

/** A Form XObject of `operators`, deflated natively (pdf-lib's formXObject uses pako). */
export function formXObject(context: PDFContext, operators: PDFOperator[], dict: LiteralObject): PDFRawStream {
  const plain = PDFContentStream.of(context.obj({}), operators, false).getContents();
  return context.flateStream(plain, { BBox: [0, 0, 0, 0], Matrix: [1, 0, 0, 1, 0, 0], ...dict, Type: 'XObject', Subtype: 'Form' });
}
