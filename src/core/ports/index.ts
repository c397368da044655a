export * from './ranges.ts';
export * from './services.ts';
export * from './notes.ts';
export * from './lookup.ts';
