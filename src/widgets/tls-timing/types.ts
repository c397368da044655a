/** Props of the TLS timing widget (the TlsTiming.astro wrapper passes them through). */
export interface TlsTimingProps {
  /** Preset of the first (left) ladder, a name from src/core/tls/presets. Default 'tcp-tls12'. */
  left?: string;
  /** Preset of the second (right) ladder. Default 'tcp-tls13'. */
  right?: string;
  /** Round-trip time in ms, 1–1000 (the slider's range). Default 100. */
  rtt?: number;
  /** Heading level of the widget's title, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3;
}

/** The wrapper's defaults, shared by the wrapper and the widget. */
export const TLS_TIMING_DEFAULTS = { left: 'tcp-tls12', right: 'tcp-tls13', rtt: 100, headingLevel: 2 } as const;
