// The layering lint rule (eslint/layers.js) fires on wrong imports and stays quiet on right ones.
// Code is linted at virtual paths through ESLint's Node API with the repository's own config,
// so this is exactly what `npm run lint` would say about such a file.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('layers lint rule', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  /** The layer rule's message ids for `code` as if it were the file at `filePath`. */
  async function layerProblems(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/boundaries').map((m) => m.message);
  }

  describe('(a) media and signing are libraries', () => {
    it.each([
      ['src/media/x.ts', "import type { FastifyInstance } from 'fastify';"],
      ['src/media/x.ts', "import fp from 'fastify-plugin';"],
      ['src/media/x.ts', "import type { Db } from '../db/index.ts';"],
      ['src/media/x.ts', "import type { Notification } from '../realtime/protocol.ts';"],
      ['src/media/x.ts', "import type { Principal } from '../auth/index.ts';"],
      ['src/media/deep/x.ts', "import { AppError } from '../../errors/index.ts';"],
      ['src/signing/x.ts', "import { sql } from 'drizzle-orm';"],
      ['src/signing/x.ts', "import postgres from 'postgres';"],
      ['src/signing/x.ts', "import { PGlite } from '@electric-sql/pglite';"],
      ['src/signing/pdf/x.ts', "import { Server } from 'socket.io';"],
      ['src/signing/x.ts', "import { meSchema } from '../contract/auth.ts';"],
      ['src/signing/x.ts', "import { listMeetingsFor } from '../meetings/index.ts';"],
      ['src/signing/x.ts', "import { docsPlugin } from '../http/index.ts';"],
    ])('%s: %s is refused', async (file, code) => {
      expect(await layerProblems(file, code)).toEqual([expect.stringContaining('is a library')]);
    });

    it('lets them use node, their own layers and the config', async () => {
      const code = [
        "import { createHash } from 'node:crypto';",
        "import type { types } from 'mediasoup';",
        "import type { MediaConfig } from '../config.ts';",
        "import { OID } from './cms/index.ts';",
      ].join('\n');
      expect(await layerProblems('src/media/x.ts', code)).toEqual([]);
      expect(await layerProblems('src/signing/x.ts', code)).toEqual([]);
    });
  });

  describe('(b) a capability is used through its index.ts', () => {
    it.each([
      ['src/pki/x.ts', "import { OID } from '../signing/cms/oids.ts';"],
      ['src/pki/x.ts', "import { pkcs12Kdf } from '../signing/signers/index.ts';"],
      ['src/meetings/x.ts', "import { users } from '../auth/users.table.ts';"],
      ['src/meetings/x.ts', "import { units } from '../org/units.table.ts';"],
      ['src/org/x.ts', "import type { Guard } from '../auth/guard.ts';"],
      ['src/org/x.ts', "export { principalOf } from '../auth/plugin.ts';"],
      ['src/org/x.ts', "export * from '../auth/plugin.ts';"],
      ['src/org/x.ts', "const m = await import('../auth/plugin.ts');"],
      ['src/app.ts', "import { orgRoutes } from './org/routes.ts';"],
      ['src/cli/x.ts', "import { openDatabase } from '../db/client.ts';"],
    ])('%s: %s is refused', async (file, code) => {
      expect(await layerProblems(file, code)).toEqual([expect.stringContaining('public surface')]);
    });

    it('allows index files, the contract, its own files, and tables naming tables', async () => {
      expect(await layerProblems('src/pki/x.ts', "import { OID } from '../signing/index.ts';")).toEqual([]);
      expect(await layerProblems('src/meetings/x.ts', "import { getPeople } from '../auth/index.ts';")).toEqual([]);
      expect(await layerProblems('src/meetings/x.ts', "import { meetingSummarySchema } from '../contract/meetings.ts';")).toEqual([]);
      expect(await layerProblems('src/meetings/x.ts', "import { meetings } from './meetings.table.ts';")).toEqual([]);
      expect(await layerProblems('src/meetings/x.table.ts', "import { users } from '../auth/users.table.ts';")).toEqual([]);
      expect(await layerProblems('src/db/schema.ts', "export * from '../org/units.table.ts';")).toEqual([]);
      expect(await layerProblems('src/app.ts', "import { orgRoutes } from './org/index.ts';")).toEqual([]);
    });

    it('lets tests and benchmarks reach inside', async () => {
      expect(await layerProblems('test/unit/x.test.ts', "import { OID } from '../../src/signing/cms/oids.ts';")).toEqual([]);
      expect(await layerProblems('bench/x/run.ts', "import { units } from '../../src/org/units.table.ts';")).toEqual([]);
    });
  });

  describe('(c) the web app imports only the contract of the server', () => {
    it.each([
      "import type { MeetingSummary } from '../../../../src/meetings/schemas.ts';",
      "import type { Principal } from '../../../../src/auth/index.ts';",
      "import type { Config } from '../../../../src/config.ts';",
    ])('%s is refused', async (code) => {
      expect(await layerProblems('web/src/features/meetings/x.ts', code)).toEqual([expect.stringContaining('only src/contract')]);
    });

    it('allows the contract and its own modules', async () => {
      const code = [
        "import type { Me } from '../../../../src/contract/auth.ts';",
        "import { h } from '../../base/ui/index.ts';",
      ].join('\n');
      expect(await layerProblems('web/src/features/meetings/x.ts', code)).toEqual([]);
    });
  });

  describe('(d) the contract imports only zod', () => {
    it.each([
      "import { users } from '../auth/users.table.ts';",
      "import { pgEnum } from 'drizzle-orm/pg-core';",
      "import { AppError } from '../errors/index.ts';",
      "import { types } from 'mediasoup/types';",
    ])('%s is refused', async (code) => {
      expect(await layerProblems('src/contract/x.ts', code)).toEqual([expect.stringContaining('src/contract may import only zod')]);
    });

    it('allows zod, the other contract files and mediasoup types', async () => {
      const code = [
        "import { z } from 'zod';",
        "import { roleSchema } from './auth.ts';",
        "import type { RtpParameters } from 'mediasoup/types';",
      ].join('\n');
      expect(await layerProblems('src/contract/x.ts', code)).toEqual([]);
    });
  });

  describe('(e) only types cross from the contract into the web app', () => {
    const contractProblems = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: 'web/src/features/documents/x.ts' });
      return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
    };

    it('refuses a value: it would bundle zod, whose eval probe trips the CSP', async () => {
      const code = "import { meetingDocumentFileUrl } from '../../../../src/contract/agenda.ts';\nexport const u = meetingDocumentFileUrl;";
      expect(await contractProblems(code)).toEqual([expect.stringContaining('Only types cross from src/contract')]);
    });

    it('allows types, and the values of a zod-free *-limits.ts', async () => {
      const code = [
        "import type { Manifest } from '../../../../src/contract/agenda.ts';",
        "import { CONCLUSIONS_MAX } from '../../../../src/contract/minutes-limits.ts';",
        'export type M = Manifest;',
        'export const max = CONCLUSIONS_MAX;',
      ].join('\n');
      expect(await contractProblems(code)).toEqual([]);
    });

    it('keeps zod out of a *-limits.ts', async () => {
      const [result] = await eslint.lintText("import { z } from 'zod';\nexport const s = z.string();", { filePath: 'src/contract/x-limits.ts' });
      expect((result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message)).toEqual([
        expect.stringContaining('no zod here'),
      ]);
    });
  });
});
