import type { APIRoute } from 'astro';

/**
 * robots.txt: every page may be crawled, and the sitemap Starlight builds is named with the
 * site's own address (astro.config.mjs `site`), so the two cannot drift apart.
 * Lighthouse's SEO audit "robots.txt is valid" reads this file.
 */
export const GET: APIRoute = ({ site }) => {
  const lines = ['User-agent: *', 'Allow: /'];
  if (site) lines.push('', `Sitemap: ${new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sitemap-index.xml`, site).href}`);
  return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
