import type { APIRoute } from 'astro';
import { ianaCompactData } from '../../core/ports/iana-data.ts';

/** The IANA registry in the compact form the port lookup fetches; built once, served as a static file. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(ianaCompactData()), { headers: { 'Content-Type': 'application/json' } });
