// @ts-check
import { existsSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import svelte from '@astrojs/svelte';
import { COURSE, TOOLS } from './src/course.ts';
import { labelCodeRegions } from './src/ec-label-plugin.mjs';
import { cspGuard, inlineScriptHashes } from './src/csp.mjs';

/** @param {string} dir @param {string} slug */
const published = (dir, slug) =>
  ['md', 'mdx'].some((ext) => existsSync(new URL(`./content/${dir}/${slug}.${ext}`, import.meta.url)));

export default defineConfig({
  site: 'https://portlab.example',
  // The site's CSS goes inline into each page (about 12 KB gzip): no render-blocking stylesheet
  // request before the first paint on a slow phone connection (Lighthouse budget, issue 8).
  build: { inlineStylesheets: 'always' },
  // Content-Security-Policy (issue 8) as a <meta> on every page; cspGuard() below fails the
  // build if any inline script on any page has no hash here. See src/csp.mjs.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        // data: for inline SVG icons (the presenter's favicon); neither names another origin.
        "img-src 'self' data:",
        "connect-src 'self'",
        // The header decoder and netstat explainer read input in module Web Workers from /_astro/.
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: {
        // 'wasm-unsafe-eval': Pagefind's search index runs as WebAssembly. No 'unsafe-inline'.
        resources: ["'self'", "'wasm-unsafe-eval'"],
        // Starlight's and the presenter's <script is:inline> blocks, which Astro does not hash.
        hashes: inlineScriptHashes([new URL('./node_modules/@astrojs/starlight/', import.meta.url), new URL('./src/', import.meta.url)]),
      },
      styleDirective: {
        // 'unsafe-inline' for styles only: Starlight's icons and Expressive Code set style="…"
        // attributes and Svelte sets inline styles at run time; none of that can run code.
        // (Astro then emits no style hashes, which 'unsafe-inline' would make moot anyway.)
        resources: ["'self'", "'unsafe-inline'"],
      },
    },
  },
  integrations: [
    starlight({
      title: 'PortLab',
      description: 'Learn how ports, sockets and TCP really work by playing with them.',
      // No edit links, no last-updated dates, no social links: nothing that points off-site.
      lastUpdated: false,
      // The favicon inline on every page, so no request follows a change of address (src/route-middleware.ts).
      routeMiddleware: './src/route-middleware.ts',
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
    cspGuard(),
  ],
});
