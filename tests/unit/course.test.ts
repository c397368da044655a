import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COURSE, TOOLS } from '../../src/course.ts';

const files = (dir: string) =>
  readdirSync(new URL(`../../content/${dir}/`, import.meta.url))
    .filter((f) => /\.mdx?$/.test(f) && f !== 'index.mdx')
    .map((f) => f.replace(/\.mdx?$/, ''));

describe('the course outline (src/course.ts)', () => {
  it('lists thirteen lessons with unique slugs', () => {
    expect(COURSE).toHaveLength(13);
    expect(new Set(COURSE.map((l) => l.slug)).size).toBe(COURSE.length);
  });

  it('knows every published lesson file, so none is missing from the sidebar', () => {
    const known = new Set(COURSE.map((l) => l.slug));
    for (const f of files('course')) expect(known.has(f), `content/course/${f}`).toBe(true);
  });

  it('knows every tool page', () => {
    const known = new Set(TOOLS.map((t) => t.slug));
    for (const f of files('tools')) expect(known.has(f), `content/tools/${f}`).toBe(true);
  });
});
