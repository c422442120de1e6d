// The HTTP negative pass (issue 9): every route and method of the OpenAPI document (/docs/json),
// sent hostile variants — no body, wrong JSON types, huge strings, NUL, unknown fields, wrong
// content types, invalid and percent-encoded path parameters, repeated query parameters, methods
// the address does not take — as an anonymous caller, a member, a clerk and an administrator. Never a 5xx, and every
// 4xx is problem+json with a code. It walks the document, so routes added later are covered too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { rawRequest, type RawResponse } from '../helpers/raw-http.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

interface Schema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minLength?: number;
  $ref?: string;
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

interface Variant {
  name: string;
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const UUID = '00000000-0000-4000-8000-000000000000';
const HUGE = 'x'.repeat(200_000);

/** Ids that exist, so hostile values reach past "no such thing" into the code behind it. */
interface KnownIds {
  user: string;
  unit: string;
}

/** A value the schema accepts, as far as a generic reading of it goes; ids are the caller's own (a unit's where the name says unit). */
function sample(schema: Schema | undefined, ids: KnownIds, key = ''): unknown {
  if (!schema) return 'x';
  if (schema.enum) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.[0]) return sample(alt[0], ids, key);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v, ids, k)]));
    case 'array':
      return schema.items ? [sample(schema.items, ids, key)] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid') return /unit/i.test(key) ? ids.unit : ids.user;
      if (schema.format === 'date-time') return '2030-01-01T08:00:00+07:00';
      return 'Giá trị thử';
  }
}

/** Values a hostile client puts where a string, number or anything else belongs. */
const HOSTILE_VALUES: [string, unknown][] = [
  ['null', null],
  ['a number', 12345],
  ['a boolean', false],
  ['an array', ['a', 1, null]],
  ['an object', { nested: { deeper: [1] } }],
  ['a huge string', HUGE],
  ['NUL', 'a\u0000b'],
  ['zero-width spaces', '\u200b\u200b\u200b'],
  ['an unpaired surrogate', 'a\ud800b'],
  ['a year-1 date', '0001-01-01T00:00:00Z'],
  ['a negative huge number', -1e308],
];

const HOSTILE_SEGMENTS = ['not-a-uuid', '%00', '%zz', '%', 'a'.repeat(300), '..%2F..%2Fetc%2Fpasswd', '%F0%9F%98%80', "'%3B%20drop%20table%20users%3B--", '-1', '%E2%80%8B', '%C0%AF'];

function variantsOf(path: string, method: string, op: Operation, ids: KnownIds): Variant[] {
  const out: Variant[] = [];
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
  const fill = (value: string) => path.replace(/\{[^}]+\}/g, value);
  const base = fill(UUID);
  const upper = method.toUpperCase();
  const json = { 'content-type': 'application/json' };
  const jsonSchema = op.requestBody?.content['application/json']?.schema;
  const validBody = jsonSchema ? sample(jsonSchema, ids) : undefined;
  const withBody = (name: string, body: string, headers: Record<string, string> = json): Variant => ({ name, method: upper, target: base, headers, body });

  out.push({ name: 'as documented, no body', method: upper, target: base });
  if (pathParams.length > 0) {
    for (const id of [ids.user, ids.unit]) out.push({ name: 'an id that exists', method: upper, target: fill(id) });
    for (const seg of HOSTILE_SEGMENTS) out.push({ name: `path ${seg.slice(0, 20)}`, method: upper, target: fill(seg) });
  }

  for (const q of (op.parameters ?? []).filter((p) => p.in === 'query')) {
    for (const v of ['', '%00', '%zz', 'x'.repeat(3000), '0001-01-01T00:00:00Z', 'true', '-1']) {
      out.push({ name: `query ${q.name}=${v.slice(0, 20)}`, method: upper, target: `${base}?${q.name}=${v}` });
    }
    out.push({ name: `query ${q.name} repeated`, method: upper, target: `${base}?${q.name}=a&${q.name}=b` });
    out.push({ name: `query ${q.name}[] as an object`, method: upper, target: `${base}?${q.name}[a]=1` });
  }
  out.push({ name: 'an unknown query parameter', method: upper, target: `${base}?__proto__[x]=1&constructor=1` });

  if (upper !== 'GET') {
    out.push(withBody('empty JSON body', ''));
    for (const raw of ['null', '[]', '"text"', '123', '{', '{"a":', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}']) {
      out.push(withBody(`JSON ${raw.slice(0, 12)}`, raw));
    }
    out.push(withBody('{}', '{}'));
    if (validBody && typeof validBody === 'object' && !Array.isArray(validBody)) {
      out.push(withBody('a valid-looking body', JSON.stringify(validBody)));
      out.push(withBody('with unknown fields', JSON.stringify({ ...validBody, unexpected: HUGE, isAdmin: true })));
      for (const key of Object.keys(validBody)) {
        for (const [what, value] of HOSTILE_VALUES) {
          out.push(withBody(`${key} as ${what}`, JSON.stringify({ ...validBody, [key]: value })));
        }
      }
    }
    const someBody = JSON.stringify(validBody ?? { a: 1 });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/timestamp-query', '']) {
      out.push(withBody(`content-type "${type}"`, someBody, type ? { 'content-type': type } : {}));
    }
    out.push(withBody('a body past the limit', `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`));
  } else {
    out.push(withBody('a GET with a JSON body', '{"a":1}'));
  }
  return out;
}

/** The request as bytes, Content-Length computed from the body's UTF-8 (unpaired surrogates included as they encode). */
function toRaw(v: Variant, cookie: string | undefined): string {
  const body = v.body ?? '';
  const headers: Record<string, string> = {
    host: 'localhost',
    connection: 'close',
    'accept-language': 'en',
    ...(cookie ? { cookie } : {}),
    ...(v.body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...v.headers,
  };
  const head = Object.entries(headers)
    .map(([k, val]) => `${k}: ${val}`)
    .join('\r\n');
  return `${v.method} ${v.target} HTTP/1.1\r\n${head}\r\n\r\n${body}`;
}

describe(`HTTP negative pass over the OpenAPI document (${databaseKind})`, () => {
  let t: TestServer;
  let spec: OpenApi;
  beforeAll(async () => {
    t = await startTestServer({
      // The development PKI's routes (its TSA takes a binary body) are part of the document too.
      DEV_PKI: 'true',
      // Hostile sign-ins are many here; the throttle is tested elsewhere and must not stop the pass.
      LOGIN_FREE_FAILURES: '100000',
      LOGIN_ADDRESS_FREE_FAILURES: '100000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    });
    spec = (await (await fetch(`${t.url}/docs/json`)).json()) as OpenApi;
  });
  afterAll(() => t?.close());

  it('has the routes it is meant to cover', () => {
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/meetings', '/api/meetings/{id}', '/api/admin/users/{id}/lock', '/tsa']));
  });

  for (const who of ['anonymous', 'city.member', 'city.clerk', 'admin'] as const) {
    it(`answers every hostile variant as ${who} without a 5xx, 4xx as problem+json with a code`, { timeout: 180_000 }, async () => {
      const api = new ApiClient(t.url);
      const signIn = async () => {
        if (who !== 'anonymous') expect((await api.login(who, DEMO_PASSWORD)).status).toBe(200);
      };
      await signIn();
      const me = who === 'anonymous' ? undefined : await api.json<{ id: string; unit: { id: string } }>('/api/me');
      const ids: KnownIds = { user: me?.id ?? UUID, unit: me?.unit.id ?? UUID };
      const failures: string[] = [];
      let sent = 0;
      const check = (v: Variant, res: RawResponse) => {
        const where = `${who} ${v.method} ${v.target.slice(0, 80)} [${v.name}] → ${res.status}`;
        if (res.status >= 500) failures.push(`${where}: ${res.body.slice(0, 200)}`);
        if (res.status >= 400) {
          if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) failures.push(`${where}: content-type ${res.headers['content-type']}`);
          else if (typeof (JSON.parse(res.body) as { code?: unknown }).code !== 'string') failures.push(`${where}: no code`);
        }
      };
      for (const [path, item] of Object.entries(spec.paths)) {
        const documented = METHODS.filter((m) => item[m]);
        const variants = documented.flatMap((m) => variantsOf(path, m, item[m] as Operation, ids));
        // Methods the address does not take.
        for (const m of METHODS.filter((x) => !item[x])) variants.push({ name: 'undocumented method', method: m.toUpperCase(), target: path.replace(/\{[^}]+\}/g, UUID), headers: { 'content-type': 'application/json' }, body: '{}' });
        for (const v of variants) {
          const res = await rawRequest(t.url, toRaw(v, api.sessionCookie));
          sent++;
          check(v, res);
          // A variant that signed the caller out (logout): sign in again for the rest.
          if (who !== 'anonymous' && /ecabinet_session=;/.test(res.headers['set-cookie'] ?? '')) {
            await api.post('/api/auth/logout');
            await signIn();
          }
        }
      }
      expect(failures).toEqual([]);
      expect(sent).toBeGreaterThan(300);
    });
  }
});
