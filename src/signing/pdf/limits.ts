// How much the reader accepts before it refuses a file as 'pdf.too_complex'. Every limit is far
// above what real documents use and low enough that no input can exhaust the stack, the heap
// or the CPU: one strict reader for signing and for verifying (issue 9.2).
export const LIMITS = {
  /** Arrays and dictionaries inside one another. qpdf stops at 500; real files stay below 20. */
  nesting: 256,
  /** Indirect objects: ISO 32000-1 Annex C (Table C.1) gives 8,388,607 as the practical limit. */
  objects: 8_388_607,
  /** Cross-reference sections, one per revision (incremental update) plus hybrid streams. */
  sections: 1024,
  /** Intermediate /Pages levels of the page tree (a balanced tree of 10^9 pages needs 10). */
  pageTreeDepth: 64,
  /** Decoded size of one cross-reference or object stream. */
  streamBytes: 64 * 1024 * 1024,
  /** Decoded size of all object and cross-reference streams of one file together. */
  decodedBytes: 256 * 1024 * 1024,
} as const;
