// Helpers for the signing workflow tests: people who sign (session + PIN + authenticator) with
// a fresh one-time code for every act, and a small document to route.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect } from 'vitest';
import type { RouteView } from '../../src/contract/workflow.ts';
import { ApiClient } from './client.ts';
import { totpCode } from './credentials.ts';
import { uploadPdf } from './documents.ts';
import { DEMO_PASSWORD } from './server.ts';

const STEP_MS = 30_000;
export const PIN = '739184625037';

/** How close to a step's end a code of the step before is no longer offered (a request's time, with room). */
const BOUNDARY_MARGIN_MS = 5_000;

/** A signed-in user with signing set up; `code()` gives a code of a later step than the last one spent. */
export class SigningUser {
  readonly client: ApiClient;
  readonly username: string;
  id = '';
  #secret = '';
  #lastStep = -Infinity;

  private constructor(client: ApiClient, username: string) {
    this.client = client;
    this.username = username;
  }

  static async login(url: string, username: string): Promise<SigningUser> {
    const client = new ApiClient(url, 'en');
    expect((await client.login(username, DEMO_PASSWORD)).status).toBe(200);
    const user = new SigningUser(client, username);
    user.id = (await client.json<{ id: string }>('/api/me')).id;
    return user;
  }

  /** Enrols (the development CA issues his certificate) and confirms with the previous step's code. */
  async enrol(pin = PIN): Promise<this> {
    const res = await this.client.post('/api/me/signing/enroll', { pin });
    expect(res.status, await res.clone().text()).toBe(200);
    this.#secret = ((await res.json()) as { totpSecret: string }).totpSecret;
    const confirm = await this.client.post('/api/me/signing/confirm', { code: await this.code() });
    expect(confirm.status, await confirm.clone().text()).toBe(200);
    return this;
  }

  /**
   * A code the server accepts now and has not seen: steps run from one before the current one
   * (the server allows one step of drift) upwards; past the one after, wait for time to catch up.
   */
  async code(): Promise<string> {
    let now = Math.floor(Date.now() / STEP_MS);
    let step = Math.max(this.#lastStep + 1, now - 1);
    while (step > now + 1) {
      await new Promise((r) => setTimeout(r, (now + 1) * STEP_MS - Date.now() + 50));
      now = Math.floor(Date.now() / STEP_MS);
      step = Math.max(this.#lastStep + 1, now - 1);
    }
    // The previous step's code is refused once the request reaches the server after the next
    // boundary (two steps behind by then): near a boundary, take the current step's.
    if (step < now && (now + 1) * STEP_MS - Date.now() < BOUNDARY_MARGIN_MS) step = now;
    this.#lastStep = step;
    return totpCode(this.#secret, step * STEP_MS + 1_000);
  }

  /** Takes over another session's authenticator (the same user signed in again, e.g. after a restart). */
  adopt(other: SigningUser): void {
    this.#secret = other.#secret;
    this.#lastStep = other.#lastStep;
  }

  /** Reuses the last code (to prove a spent one is refused). */
  lastCode(): string {
    return totpCode(this.#secret, this.#lastStep * STEP_MS + 1_000);
  }

  async sign(documentId: string, body: Record<string, unknown> = {}): Promise<Response> {
    return this.client.post(`/api/documents/${documentId}/sign`, { pin: PIN, code: await this.code(), ...body });
  }
}

/** A short A4 letter with a heading, as a drafter would upload (pdf-lib, a different producer than the engine). */
export async function letterPdf(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Official letter - page ${i} of ${pages}`, { x: 60, y: 780, size: 16, font });
  }
  return doc.save();
}

/** Uploads a letter as `client` and answers its id. */
export async function uploadLetter(client: ApiClient, pages = 2): Promise<string> {
  const res = await uploadPdf(client, '/api/documents', await letterPdf(pages), { filename: 'cong-van.pdf' });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export async function defineRoute(client: ApiClient, documentId: string, steps: Array<{ kind: string; signers: string[] }>, extra: object = {}): Promise<Response> {
  return client.post(`/api/documents/${documentId}/route`, { steps, ...extra });
}

export async function routeOf(client: ApiClient, documentId: string): Promise<RouteView> {
  return (await client.json<{ route: RouteView }>(`/api/documents/${documentId}`)).route;
}
