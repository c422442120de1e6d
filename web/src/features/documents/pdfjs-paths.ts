/**
 * Where the build puts pdf.js's run-time data (web/build/pdfjs-assets.ts copies it from
 * pdfjs-dist): CMaps, standard fonts, image decoders and the CMYK profile, all from 'self'.
 */
export const PDFJS_ASSETS_PATH = '/pdfjs/';
