/**
 * The TLS timing model's public API: scenario → trace, validation, narration, the timing
 * summary, the on-path observer's view, and the presets. Documented in ../README.md, "TLS timing".
 * Browser islands import this file directly (not src/core/index.ts) to stay small.
 */
export {
  CLIENT_ADDRESS,
  CLIENT_PORT,
  DEFAULT_RTT_MS,
  DEFAULT_SERVER_NAME,
  HTTPS_PORT,
  MAX_HOST_NAME_LENGTH,
  MAX_LABEL_LENGTH,
  RTT_MAX_MS,
  RTT_MIN_MS,
  SERVER_ADDRESS,
  SERVER_TIME_MAX_MS,
  TLS_STARTS,
  TLS_TRANSPORTS,
  TLS_VERSIONS,
  hostNameProblem,
  resolveTlsScenario,
  validateTlsScenario,
} from './scenario.ts';
export type { ResolvedTlsScenario, TlsScenario, TlsStart, TlsTransport, TlsVersion } from './scenario.ts';
export * from './trace.ts';
export { flightLabel, messageLabel, runTlsScenario } from './run.ts';
export * from './query.ts';
export { narrateTlsTrace, tlsCaptionAt } from './narrate.ts';
export * from './presets/index.ts';
