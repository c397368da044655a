/**
 * The NAT simulation's public API: scenario → trace, validation, narration, reading a trace at
 * time t, and the presets. Documented in ../README.md, "NAT simulation". Browser islands import
 * this file, not src/core/index.ts.
 */
export * from './addresses.ts';
export * from './scenario.ts';
export * from './trace.ts';
export { Translator, timerFor, nextTcpState, LOW_PORT_MAX, POOL_START } from './translator.ts';
export type { TranslatorConfig, Translated, Refused, MappingChange } from './translator.ts';
export * from './run.ts';
export { narrateNatTrace, formatNatTime, formatTuple, packetName, aPacket, timerPhrase } from './narrate.ts';
export type { NarratedStep } from './narrate.ts';
export * from './query.ts';
export * from './presets/index.ts';
