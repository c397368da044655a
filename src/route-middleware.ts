/**
 * Starlight route middleware (astro.config.mjs `routeMiddleware`): every Starlight page carries
 * its favicon inline as a data: URL instead of linking /favicon.svg. Browsers fetch the icon again
 * whenever the address changes, and the TCP simulator rewrites the fragment (history.replaceState)
 * on every step to keep its link shareable: with a linked icon, using the simulator made a request
 * per step after the page had loaded (privacy gate, issue 8; tests/e2e/privacy.spec.ts). The
 * presenter pages inline theirs for the same reason (src/pages/present/[preset].astro).
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import favicon from '../public/favicon.svg?raw';

/** The site icon as a data: URL (CSP img-src allows data:). */
export const FAVICON_DATA_URL = `data:image/svg+xml,${encodeURIComponent(favicon)}`;

export const onRequest = defineRouteMiddleware((context) => {
  for (const entry of context.locals.starlightRoute.head) {
    if (entry.tag === 'link' && typeof entry.attrs?.rel === 'string' && entry.attrs.rel.split(/\s+/).includes('icon')) entry.attrs.href = FAVICON_DATA_URL;
  }
});
