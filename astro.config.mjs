// @ts-check
import { existsSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import svelte from '@astrojs/svelte';
import { COURSE, TOOLS } from './src/course.ts';
import { labelCodeRegions } from './src/ec-label-plugin.mjs';

/** @param {string} dir @param {string} slug */
const published = (dir, slug) =>
  ['md', 'mdx'].some((ext) => existsSync(new URL(`./content/${dir}/${slug}.${ext}`, import.meta.url)));

export default defineConfig({
  site: 'https://portlab.example',
  integrations: [
    starlight({
      title: 'PortLab',
      description: 'Learn how ports, sockets and TCP really work by playing with them.',
      // No edit links, no last-updated dates, no social links: nothing that points off-site.
      lastUpdated: false,
      pagination: true,
      expressiveCode: { plugins: [labelCodeRegions()] },
      customCss: ['./src/styles/tokens.css', './src/styles/lesson.css'],
      sidebar: [
        { label: 'Start here', link: '/' },
        {
          label: 'Course',
          items: [
            { label: 'Outline', link: '/course/' },
            ...COURSE.filter((l) => published('course', l.slug)).map((l) => ({ label: l.title, link: `/course/${l.slug}/` })),
          ],
        },
        {
          label: 'Tools',
          items: TOOLS.filter((t) => published('tools', t.slug)).map((t) => ({ label: t.title, link: `/tools/${t.slug}/` })),
        },
      ],
    }),
    svelte(),
  ],
});
