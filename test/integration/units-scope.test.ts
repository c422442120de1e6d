import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/contract/auth.ts';
import type { UnitTree as UnitNode } from '../../src/contract/units.ts';
import { ApiClient } from '../helpers/client.ts';
import { databaseKind } from '../helpers/database.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

const flatten = (n: UnitNode): UnitNode[] => [n, ...n.children.flatMap(flatten)];

describe(`unit tree and scope (${databaseKind})`, () => {
  let t: TestServer;
  let city: ApiClient;
  let d02: ApiClient;
  let tree: UnitNode;
  const byCode = (code: string) => {
    const u = flatten(tree).find((n) => n.code === code);
    if (!u) throw new Error(`no unit ${code}`);
    return u;
  };

  beforeAll(async () => {
    t = await startTestServer();
    city = new ApiClient(t.url);
    d02 = new ApiClient(t.url);
    expect((await city.login('city.member', DEMO_PASSWORD)).status).toBe(200);
    expect((await d02.login('d02.member', DEMO_PASSWORD)).status).toBe(200);
    tree = await city.json<UnitNode>('/api/units');
  });
  afterAll(() => t?.close());

  it('seeds a Hanoi-like tree: city, departments, 30 districts, 579 communes and wards', () => {
    const all = flatten(tree);
    const count = (level: string) => all.filter((u) => u.level === level).length;
    expect(tree.code).toBe('HN');
    expect(count('city')).toBe(1);
    expect(count('department')).toBeGreaterThanOrEqual(3);
    expect(count('district')).toBe(30);
    expect(count('commune') + count('ward')).toBe(579);
    expect(byCode('d01').name).toContain('Ba Đình');
    expect(byCode('c0101').parentId).toBe(byCode('d01').id);
  });

  it('lets a district member read his own unit, its users and its subtree', async () => {
    const own = byCode('d02');
    expect((await d02.get(`/api/units/${own.id}`)).status).toBe(200);
    const users = await d02.json<User[]>(`/api/units/${own.id}/users`);
    expect(users.map((u) => u.username)).toEqual(['d02.clerk', 'd02.leader', 'd02.member']);
    const sub = await d02.json<UnitNode>('/api/units');
    expect(sub.code).toBe('d02');
    expect(sub.children.length).toBe(18);
    const commune = sub.children[0];
    expect((await d02.get(`/api/units/${commune?.id}`)).status).toBe(200);
  });

  it("refuses a district 02 member on district 01's resources (403)", async () => {
    const other = byCode('d01');
    for (const path of [`/api/units/${other.id}`, `/api/units/${other.id}/users`, `/api/units?root=${other.id}`]) {
      const res = await d02.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'auth.forbidden_scope' });
    }
    // Nor upwards: the city is above district 02, not within it.
    expect((await d02.get(`/api/units/${tree.id}`)).status).toBe(403);
  });

  it('rejects a malformed unit id as validation, not a server error', async () => {
    const res = await d02.get('/api/units/not-a-uuid');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('gives a subtree to a user whose scope contains it', async () => {
    const d01 = byCode('d01');
    const sub = await city.json<UnitNode>(`/api/units?root=${d01.id}`);
    expect(sub.code).toBe('d01');
    expect(sub.children.every((c) => c.parentId === d01.id)).toBe(true);
  });

  it('answers the home lists for a signed-in user', async () => {
    expect(await d02.json('/api/home')).toEqual({ upcomingMeetings: [], awaitingDocuments: [] });
    expect((await new ApiClient(t.url).get('/api/home')).status).toBe(401);
  });
});
