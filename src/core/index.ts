/**
 * PortLab's simulation core: the only public entry point that widgets, lessons and scripts import.
 * Pure TypeScript: no DOM, no clock, no Math.random. Documented in ./README.md.
 */
export * from './ports/index.ts';
export * from './sim/index.ts';
export * from './sockets/index.ts';
export * from './wire/index.ts';
export * from './tls/index.ts';
export * from './ftp/index.ts';
