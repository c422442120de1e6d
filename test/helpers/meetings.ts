import type { User } from '../../src/contract/auth.ts';
import type { MeetingCreated } from '../../src/contract/meetings.ts';
import type { UnitTree as UnitNode } from '../../src/contract/units.ts';
import { ApiClient } from './client.ts';
import { DEMO_PASSWORD } from './server.ts';

const flatten = (n: UnitNode): UnitNode[] => [n, ...n.children.flatMap(flatten)];

/** Unit ids by code and user ids by username, read through the API as the city clerk sees them. */
export async function demoDirectory(baseUrl: string): Promise<{ clerk: ApiClient; unit(code: string): string; user(username: string): Promise<string> }> {
  const clerk = new ApiClient(baseUrl);
  const res = await clerk.login('city.clerk', DEMO_PASSWORD);
  if (res.status !== 200) throw new Error(`city.clerk login → ${res.status}`);
  const units = flatten(await clerk.json<UnitNode>('/api/units'));
  const unit = (code: string) => {
    const found = units.find((u) => u.code === code);
    if (!found) throw new Error(`no unit ${code}`);
    return found.id;
  };
  const user = async (username: string) => {
    const unitCode = username.split('.')[0] === 'city' ? 'HN' : (username.split('.')[0] as string);
    const users = await clerk.json<User[]>(`/api/units/${unit(unitCode)}/users`);
    const found = users.find((u) => u.username === username);
    if (!found) throw new Error(`no user ${username}`);
    return found.id;
  };
  return { clerk, unit, user };
}

/** A city meeting chaired by city.leader, inviting the given district codes. */
export async function createCityMeeting(baseUrl: string, opts: { invite: string[]; includeSubunits?: boolean; title?: string; secretary?: string }): Promise<string> {
  const dir = await demoDirectory(baseUrl);
  const res = await dir.clerk.post('/api/meetings', {
    title: opts.title ?? 'Giao ban trực tuyến thành phố',
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    invitedUnitIds: opts.invite.map(dir.unit),
    includeSubunits: opts.includeSubunits ?? false,
    chairId: await dir.user('city.leader'),
    ...(opts.secretary ? { secretaryId: await dir.user(opts.secretary) } : {}),
  });
  if (res.status !== 201) throw new Error(`create meeting → ${res.status}: ${await res.text()}`);
  return ((await res.json()) as MeetingCreated).id;
}
