import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/**
 * Lessons live in `content/` at the top of the repository (not Starlight's default
 * `src/content/docs/`), so writers find them at once. Files starting with `_` are ignored,
 * as Starlight's own loader does.
 */
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
};
