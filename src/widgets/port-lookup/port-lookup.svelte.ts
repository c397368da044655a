import { buildPortDb, lookupPort, type CompactPortData, type PortDb, type PortLookupResult } from '../../core/ports/index.ts';

/** Holds the query and the loaded registry; every answer is derived from the core. */
export class PortLookupState {
  query = $state('');
  db = $state.raw<PortDb | undefined>(undefined);
  loadError = $state<string | undefined>(undefined);
  result: PortLookupResult | undefined = $derived(this.query.trim() === '' ? undefined : lookupPort(this.query, this.db));

  constructor(initialQuery = '') {
    this.query = initialQuery;
  }

  /** Fetches the registry from this site (never a third party). */
  async load(url: string): Promise<void> {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.db = buildPortDb((await response.json()) as CompactPortData);
    } catch (e) {
      this.loadError = `The service-name list could not be loaded (${e instanceof Error ? e.message : String(e)}). Port numbers still work.`;
    }
  }
}
