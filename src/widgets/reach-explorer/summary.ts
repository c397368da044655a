import type { BindAddress, Reach } from '../../core/reach/index.ts';

/** One sentence for the live region: who can and who cannot connect. Pure, so it is unit-tested. */
export function summarize(bind: BindAddress, rows: readonly (Reach & { place: { label: string } })[]): string {
  // "Same LAN" → "same LAN": lower-case the first letter only, so acronyms survive.
  const name = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);
  const yes = rows.filter((r) => r.reachable).map((r) => name(r.place.label));
  const no = rows.filter((r) => !r.reachable).map((r) => name(r.place.label));
  if (no.length === 0) return `Bound to ${bind}: reachable from every client (${yes.join(', ')}).`;
  if (yes.length === 0) return `Bound to ${bind}: not reachable from any client (${no.join(', ')}).`;
  return `Bound to ${bind}: reachable from ${yes.join(', ')}; not reachable from ${no.join(', ')}.`;
}
