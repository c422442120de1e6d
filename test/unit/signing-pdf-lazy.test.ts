// Objects parsed on first use (lazy-objects.ts) and stream data as views of the opened bytes
// (object-parse.ts): faster opens must not change what pdf-lib or the update writer sees.
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDocument, PDFName, PDFPageLeaf, PDFRawStream, type PDFRef } from 'pdf-lib';
import { openPdf, prepareSignature } from '../../src/signing/pdf/index.ts';
import { lazyObjectsOf } from '../../src/signing/pdf/lazy-objects.ts';
import { pageAt, pageCount } from '../../src/signing/pdf/page-tree.ts';
import { basePdf, latin1 } from '../helpers/pdf-fixtures.ts';

const refsOf = (entries: [PDFRef, unknown][]) => entries.map(([r]) => r.toString()).sort();

describe('lazy object loading', () => {
  it.each([false, true])('loads only what is used, yet enumerates every object (object streams: %s)', async (objectStreams) => {
    const bytes = await basePdf({ pages: 4, objectStreams });
    const pdf = await openPdf(bytes);
    const lazy = lazyObjectsOf(pdf.doc.context);
    expect(lazy).toBeDefined();
    // Opening read the catalog and the page tree, not the content streams.
    const loaded = [...(lazy?.loadedEntries() ?? [])].map(([, o]) => o);
    expect(loaded.some((o) => o instanceof PDFRawStream)).toBe(false);
    const plain = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(refsOf(pdf.doc.context.enumerateIndirectObjects())).toEqual(refsOf(plain.context.enumerateIndirectObjects()));
  });

  it('keeps stream data as views of its own copy of the input', async () => {
    const bytes = await basePdf({ pages: 1 });
    const pdf = await openPdf(bytes);
    const page = pdf.doc.getPage(0);
    const list = pdf.doc.context.lookup(page.node.get(PDFName.of('Contents')));
    const contents = pdf.doc.context.lookup(list instanceof PDFArray ? list.get(0) : list);
    expect(contents).toBeInstanceOf(PDFRawStream);
    expect((contents as PDFRawStream).contents.buffer).toBe(pdf.original.buffer);
    bytes.fill(0); // the caller reusing its buffer changes nothing for us
    expect(latin1(pdf.original.subarray(0, 5))).toBe('%PDF-');
  });

  it('writes only the objects the signature changes', async () => {
    const bytes = await basePdf({ pages: 3 });
    const prepared = await prepareSignature(await openPdf(bytes), { subFilter: 'ETSI.CAdES.detached', contentsSize: 512 });
    const update = latin1(prepared.bytes.subarray(bytes.length));
    // Catalog (/AcroForm), first page (/Annots), the new AcroForm, widget and signature dictionary.
    expect(update.match(/\d+ 0 obj/g)).toHaveLength(5);
    expect(update).not.toContain('stream');
  });

  it.each([false, true])('reaches the last page parsing no other page dictionary (object streams: %s)', async (objectStreams) => {
    const bytes = await basePdf({ pages: 30, objectStreams });
    const pdf = await openPdf(bytes);
    const lazy = lazyObjectsOf(pdf.doc.context);
    const loadedPages = () => [...(lazy?.loadedEntries() ?? [])].filter(([, o]) => o instanceof PDFPageLeaf).length;
    expect(pageCount(pdf.doc)).toBe(30);
    const before = loadedPages(); // page 1, read at open
    const last = pageAt(pdf.doc, 29);
    expect(loadedPages()).toBe(before + 1);
    const plain = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(last?.ref).toBe(plain.getPage(29).ref);
    expect(pageAt(pdf.doc, 30)).toBeUndefined();
    expect(pdf.doc.getPages().map((p) => p.ref.toString())).toEqual(plain.getPages().map((p) => p.ref.toString()));
  });
});
