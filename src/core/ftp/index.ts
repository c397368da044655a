/**
 * The FTP simulation's public API: encoding helpers for PORT/227/EPRT/229, scenarios and their
 * validation, scenario → trace, narration, reading a trace at time t, edits for the widget's
 * controls, and the presets. Documented in ../README.md, "FTP simulation".
 */
export * from './encoding.ts';
export * from './scenario.ts';
export * from './trace.ts';
export * from './run.ts';
export * from './narrate.ts';
export * from './query.ts';
export * from './edit.ts';
export * from './presets/index.ts';
