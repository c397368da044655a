import type { APIContext } from 'astro';
import { describe, expect, test } from 'vitest';
import { FAVICON_DATA_URL, onRequest } from './route-middleware.ts';

type Head = { tag: string; attrs?: Record<string, string | boolean | undefined>; content?: string }[];

async function run(head: Head): Promise<Head> {
  const context = { locals: { starlightRoute: { head } } } as unknown as APIContext;
  await onRequest(context, async () => {});
  return head;
}

describe('route middleware', () => {
  test('onRequest puts the favicon inline, so a change of address fetches nothing', async () => {
    const head = await run([
      { tag: 'meta', attrs: { name: 'generator', content: 'Starlight' } },
      { tag: 'link', attrs: { rel: 'shortcut icon', href: '/favicon.svg', type: 'image/svg+xml' } },
      { tag: 'link', attrs: { rel: 'sitemap', href: '/sitemap-index.xml' } },
    ]);
    expect(head[1]!.attrs!.href).toBe(FAVICON_DATA_URL);
    expect(head[2]!.attrs!.href).toBe('/sitemap-index.xml');
    expect(FAVICON_DATA_URL).toMatch(/^data:image\/svg\+xml,%3Csvg/);
    expect(decodeURIComponent(FAVICON_DATA_URL.slice('data:image/svg+xml,'.length))).toContain('</svg>');
  });
});
