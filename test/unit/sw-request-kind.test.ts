// Which requests the service worker answers, and how (web/src/sw/request-kind.ts): pages from
// the network else the app's page, the build's files from the precache, a meeting page's API
// reads remembered, document versions from the tablet — and nothing else touched.
import { describe, expect, it } from 'vitest';
import { requestKind } from '../../web/src/sw/request-kind.ts';

const origin = 'https://ecabinet.hanoi.gov.vn';
const shell = new Set(['/index.html', '/assets/index-abc.js', '/pdfjs/cmaps/UniGB-UCS2-H.bcmap']);
const meeting = '0b6d2f34-52c4-4f0e-8f4c-1c1d5c3f9a10';
const doc = '7d1a3c2e-9b8f-4e6d-a5c4-3b2a1f0e9d8c';
const kind = (path: string, o: { method?: string; mode?: string } = {}) =>
  requestKind({ method: o.method ?? 'GET', mode: o.mode ?? 'cors', url: `${origin}${path}` }, origin, shell);

describe('requestKind', () => {
  it('serves pages of the app, not the server’s own pages', () => {
    expect(kind(`/meetings/${meeting}/documents`, { mode: 'navigate' })).toBe('navigation');
    expect(kind('/', { mode: 'navigate' })).toBe('navigation');
    expect(kind('/docs', { mode: 'navigate' })).toBe('other');
    expect(kind('/pki/ca.crt', { mode: 'navigate' })).toBe('other');
    expect(kind(`/api/meetings/${meeting}/documents/${doc}/versions/1/file`, { mode: 'navigate' })).toBe('other');
  });

  it('knows the build’s files, the API reads of a meeting page and document versions', () => {
    expect(kind('/assets/index-abc.js')).toBe('shell');
    expect(kind('/pdfjs/cmaps/UniGB-UCS2-H.bcmap')).toBe('shell');
    expect(kind('/api/me')).toBe('api-read');
    expect(kind('/api/home')).toBe('api-read');
    expect(kind(`/api/meetings/${meeting}`)).toBe('api-read');
    expect(kind(`/api/meetings/${meeting}/manifest`)).toBe('api-read');
    expect(kind(`/api/meetings/${meeting}/agenda`)).toBe('api-read');
    expect(kind(`/api/meetings/${meeting}/documents/${doc}/versions/3/file`)).toBe('document');
    expect(kind(`/api/documents/${doc}/versions/3/file`)).toBe('document');
  });

  it('leaves writes, other origins, queries and everything else alone', () => {
    expect(kind(`/api/meetings/${meeting}`, { method: 'PATCH' })).toBe('other');
    expect(kind('/api/auth/logout', { method: 'POST' })).toBe('other');
    expect(kind('/api/meetings?status=live')).toBe('other');
    expect(kind(`/api/meetings/${meeting}/manifest?fresh=1`)).toBe('other');
    expect(kind('/api/notifications')).toBe('other');
    expect(kind('/assets/unknown.js')).toBe('other');
    expect(requestKind({ method: 'GET', mode: 'cors', url: 'https://cdn.example.com/assets/index-abc.js' }, origin, shell)).toBe('other');
  });
});
