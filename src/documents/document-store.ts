// The documents store: PDFs received as streamed uploads (or as bytes, for signed versions),
// checked by the signing engine's reader, kept once per SHA-256 on disk, with immutable
// versions in Postgres. One object per app, made in app.ts with its directory, limit and the
// PDF checker, and handed to the capabilities that store documents (documents, agenda, later
// the signing workflow and the minutes).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DocumentStored, DocumentVersionReason } from '../contract/documents.ts';
import { builtOnce, pipelined, type Db, type Tx } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { PdfFacts } from '../signing/index.ts';
import { BlobStore } from './blob-store.ts';
import { documentBlobs, documents, documentVersions, type DocumentRow, type DocumentVersionRow } from './documents.table.ts';
import { HEAD_BYTES, receiveUpload, type ReceivedFile } from './receive-upload.ts';
import { sendVersion } from './send-version.ts';

/** The signing engine's check of a file on disk: throws SigningError 'pdf.malformed' / 'pdf.encrypted'. */
export type PdfInspector = (path: string) => Promise<PdfFacts>;

/** A received file that passed every check, waiting in a temporary file to be stored. */
export interface CheckedUpload {
  readonly file: ReceivedFile;
  readonly pages: number;
  /** The multipart text fields that came with it (first value per name). */
  readonly fields: Record<string, string>;
}

/** The open transaction a version is stored in (never the database itself). */
export type StoreTransaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Runs inside the transaction that stores a version, so a caller's rows (and audit events) land with it or not at all. */
export type WithinStore = (tx: StoreTransaction, stored: DocumentStored) => Promise<void>;

export interface DocumentStoreOptions {
  db: Db;
  dataDir: string;
  maxBytes: number;
  inspect: PdfInspector;
}

export type StoredDocument = DocumentRow & { versions: DocumentVersionRow[] };

const DEFAULT_TITLE = 'Tài liệu';

export class DocumentStore {
  readonly maxBytes: number;
  readonly #db: Db;
  readonly #blobs: BlobStore;
  readonly #inspect: PdfInspector;

  private constructor(opts: DocumentStoreOptions, blobs: BlobStore) {
    this.#db = opts.db;
    this.#blobs = blobs;
    this.maxBytes = opts.maxBytes;
    this.#inspect = opts.inspect;
  }

  static async open(opts: DocumentStoreOptions): Promise<DocumentStore> {
    return new DocumentStore(opts, await BlobStore.open(opts.dataDir));
  }

  /**
   * Receives the request's PDF (multipart field `file`), checks it and hands it to `use`; the
   * temporary file is gone afterwards whatever happens. Refusals: document.too_large,
   * document.upload_invalid, document.not_pdf, pdf.malformed, pdf.encrypted.
   */
  async withUpload<T>(request: FastifyRequest, reply: FastifyReply, use: (upload: CheckedUpload) => Promise<T>): Promise<T> {
    const { file, fields } = await receiveUpload(request, this.#blobs, this.maxBytes).catch((err: unknown) => {
      // Refused before the body's end: close the connection after answering rather than let
      // Node read (and drop) whatever the client still sends.
      if (!request.raw.complete) reply.header('Connection', 'close');
      throw err;
    });
    try {
      const { pages } = await this.#check(file);
      return await use({ file, pages, fields });
    } finally {
      await this.#blobs.discard(file.tempPath);
    }
  }

  /** A new document whose version 1 is `upload`. */
  async create(
    upload: CheckedUpload,
    meta: { title?: string; ownerUnitId: string; createdBy: string; reason?: Extract<DocumentVersionReason, 'upload' | 'minutes'> },
    within?: WithinStore,
  ): Promise<DocumentStored> {
    const title = meta.title ?? titleFromFilename(upload.file.filename);
    return this.#store(upload.file, async (tx) => {
      const [doc] = await tx
        .insert(documents)
        .values({ title, ownerUnitId: meta.ownerUnitId, createdBy: meta.createdBy, currentVersion: 1 })
        .returning({ id: documents.id });
      if (!doc) throw new Error('insert returned no row');
      return this.#insertVersion(tx, doc.id, 1, upload, meta.reason ?? 'upload', meta.createdBy, within);
    });
  }

  /**
   * The next version of a document. With `basedOn`, refused (document.version_conflict) unless
   * that is still the current version, so two signers cannot both build on the same one.
   */
  async addVersion(
    upload: CheckedUpload,
    meta: { documentId: string; createdBy: string; reason: Exclude<DocumentVersionReason, 'upload'>; basedOn?: number },
    within?: WithinStore,
  ): Promise<DocumentStored> {
    return this.#store(upload.file, async (tx) => {
      // One conditional UPDATE takes the row lock and numbers the version: concurrent new
      // versions of one document are numbered one after the other, and one built on a version
      // that is no longer current changes nothing.
      const [moved] = meta.basedOn === undefined ? await nextVersion(tx, { documentId: meta.documentId }) : await nextVersionOf(tx, { documentId: meta.documentId, basedOn: meta.basedOn });
      if (!moved) {
        const [exists] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, meta.documentId)).limit(1);
        throw new AppError(exists ? 'document.version_conflict' : 'document.not_found');
      }
      return this.#insertVersion(tx, meta.documentId, moved.version, upload, meta.reason, meta.createdBy, within);
    });
  }

  /** addVersion for bytes made on the server (a signed or sealed PDF), checked like an upload. */
  async addVersionBytes(
    bytes: Uint8Array,
    meta: { documentId: string; createdBy: string; reason: Exclude<DocumentVersionReason, 'upload'>; basedOn?: number },
    within?: WithinStore,
  ): Promise<DocumentStored> {
    return this.#withBytes(bytes, (upload) => this.addVersion(upload, meta, within));
  }

  /**
   * addVersion for a file the signing engine made from version `basedOn` by appending an
   * incremental update (a signature, a seal): `write` writes it at the fresh temporary path of
   * this store it is given and answers its SHA-256 and size — the signing pool's worker, so a
   * signature's bytes never enter the server's heap. It is not parsed again: the base passed
   * every check when it was stored, the engine only appends to it and its output is checked by
   * pdfsig, qpdf and openssl in the tests — a second full parse here cost as much as the
   * signature itself (BENCHMARKS.md, batch signing). The page count is the base's. The
   * temporary file is gone afterwards whatever happens.
   */
  async addAppendedFile(
    write: (tempPath: string) => Promise<{ sha256: string; size: number }>,
    meta: { documentId: string; createdBy: string; reason: Exclude<DocumentVersionReason, 'upload'>; basedOn: number; pages: number },
    within?: WithinStore,
  ): Promise<DocumentStored> {
    const tempPath = this.#blobs.tempPath();
    try {
      const { sha256, size } = await write(tempPath);
      // No head: only the PDF check reads it, and an appended version is not checked again.
      const file: ReceivedFile = { tempPath, sha256, size, head: Buffer.alloc(0), filename: '' };
      return await this.addVersion({ file, pages: meta.pages, fields: {} }, meta, within);
    } finally {
      await this.#blobs.discard(tempPath);
    }
  }

  /** create for bytes made on the server (the final minutes of a meeting), checked like an upload. */
  async createFromBytes(
    bytes: Uint8Array,
    meta: { title: string; ownerUnitId: string; createdBy: string; reason: Extract<DocumentVersionReason, 'upload' | 'minutes'> },
    within?: WithinStore,
  ): Promise<DocumentStored> {
    return this.#withBytes(bytes, (upload) => this.create(upload, meta, within));
  }

  /** Bytes written to a temporary file and checked, as an upload would be; the file is gone afterwards. */
  async #withBytes<T>(bytes: Uint8Array, use: (upload: CheckedUpload) => Promise<T>): Promise<T> {
    const tempPath = this.#blobs.tempPath();
    try {
      await writeFile(tempPath, bytes, { flag: 'wx', mode: 0o600, flush: true });
      const file: ReceivedFile = {
        tempPath,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        head: Buffer.from(bytes.subarray(0, HEAD_BYTES)),
        filename: '',
      };
      const { pages } = await this.#check(file);
      return await use({ file, pages, fields: {} });
    } finally {
      await this.#blobs.discard(tempPath);
    }
  }

  async get(db: Tx, documentId: string): Promise<StoredDocument | undefined> {
    const [doc] = await db.select().from(documents).where(eq(documents.id, documentId)).limit(1);
    if (!doc) return undefined;
    const versions = await db.select().from(documentVersions).where(eq(documentVersions.documentId, documentId)).orderBy(asc(documentVersions.version));
    return { ...doc, versions };
  }

  async getVersion(db: Tx, documentId: string, version: number): Promise<(DocumentVersionRow & { title: string }) | undefined> {
    const [row] = await db
      .select({ version: documentVersions, title: documents.title })
      .from(documentVersions)
      .innerJoin(documents, eq(documents.id, documentVersions.documentId))
      .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)))
      .limit(1);
    return row ? { ...row.version, title: row.title } : undefined;
  }

  /** Streams a version to the client: Range, ETag, 304, immutable caching (send-version.ts). */
  send(request: FastifyRequest, reply: FastifyReply, version: { sha256: string; size: number; title: string }): FastifyReply {
    return sendVersion(request, reply, this.#blobs, version);
  }

  /** A version's bytes, for the signing engine (which works on whole files). */
  async readVersionBytes(db: Tx, documentId: string, version: number): Promise<Uint8Array> {
    const row = await this.getVersion(db, documentId, version);
    if (!row) throw new AppError('document.not_found');
    return this.readBytes(row);
  }

  /** Where a version's file is, for a reader that opens it itself (the signing pool's workers). */
  fileOf(version: Pick<DocumentVersionRow, 'sha256'>): string {
    return this.#blobs.pathOf(version.sha256);
  }

  /** The bytes of a version row the caller already holds. */
  async readBytes(version: Pick<DocumentVersionRow, 'sha256'>): Promise<Uint8Array> {
    // A plain view of the file's own buffer: copying it doubled the memory a batch holds per document.
    const file = await readFile(this.#blobs.pathOf(version.sha256));
    return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  }

  /** Not a PDF at all, unreadable or encrypted → refused; otherwise its page count. */
  async #check(file: ReceivedFile): Promise<PdfFacts> {
    if (!file.head.includes('%PDF-')) throw new AppError('document.not_pdf');
    return this.#inspect(file.tempPath);
  }

  /**
   * One transaction: the blob row first (its unique key makes a concurrent upload of the same
   * bytes wait here), then the caller's rows, then the file is moved into place — last, so a
   * failure before it leaves no file, and a rollback after it cannot race the other upload,
   * which only moves its own copy once this transaction has ended.
   */
  async #store(file: ReceivedFile, write: (tx: StoreTransaction) => Promise<DocumentStored>): Promise<DocumentStored> {
    return this.#db.transaction(async (tx) => {
      // The blob's row goes with write's first statement: the version row that needs it comes after it on the connection.
      const [, stored] = await pipelined(insertBlob(tx, { sha256: file.sha256, size: file.size }), write(tx));
      await this.#blobs.place(file.tempPath, file.sha256);
      return stored;
    });
  }

  async #insertVersion(
    tx: StoreTransaction,
    documentId: string,
    version: number,
    upload: CheckedUpload,
    reason: DocumentVersionReason,
    createdBy: string,
    within: WithinStore | undefined,
  ): Promise<DocumentStored> {
    const { sha256, size } = upload.file;
    const stored: DocumentStored = { id: documentId, version, sha256, size, pages: upload.pages };
    // The caller's first statements go with the version row (they run after it).
    await pipelined(insertVersion(tx, { documentId, version, sha256, size, pages: upload.pages, reason, createdBy }), within?.(tx, stored) ?? Promise.resolve());
    return stored;
  }
}

/** "Báo cáo quý 3.pdf" → "Báo cáo quý 3"; control characters and surrounding blanks dropped. */
export function titleFromFilename(filename: string): string {
  const title = filename
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\.pdf$/i, '')
    .trim()
    .slice(0, 300);
  return title || DEFAULT_TITLE;
}

// Each signature of a batch stores a version through these: built once (src/db/built-once.ts).
const insertBlob = builtOnce<{ sha256: string; size: number }, unknown>('insert_blob', (db) =>
  db.insert(documentBlobs).values({ sha256: sql.placeholder('sha256'), size: sql.placeholder('size') }).onConflictDoNothing(),
);
const nextVersion = builtOnce<{ documentId: string }, { version: number }[]>('next_version', (db) =>
  db
    .update(documents)
    .set({ currentVersion: sql`${documents.currentVersion} + 1` })
    .where(eq(documents.id, sql.placeholder('documentId')))
    .returning({ version: documents.currentVersion }),
);
const nextVersionOf = builtOnce<{ documentId: string; basedOn: number }, { version: number }[]>('next_version_of', (db) =>
  db
    .update(documents)
    .set({ currentVersion: sql`${documents.currentVersion} + 1` })
    .where(and(eq(documents.id, sql.placeholder('documentId')), eq(documents.currentVersion, sql.placeholder('basedOn'))))
    .returning({ version: documents.currentVersion }),
);
const insertVersion = builtOnce<Omit<DocumentVersionRow, 'createdAt'>, unknown>('insert_version', (db) =>
  db.insert(documentVersions).values({
    documentId: sql.placeholder('documentId'),
    version: sql.placeholder('version'),
    sha256: sql.placeholder('sha256'),
    size: sql.placeholder('size'),
    pages: sql.placeholder('pages'),
    reason: sql.placeholder('reason'),
    createdBy: sql.placeholder('createdBy'),
  }),
);
