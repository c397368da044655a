/**
 * One TCP endpoint per RFC 9293: states and their legal transitions, the event-processing state
 * machine, timers and sequence-number arithmetic. See ../README.md, "Simulation".
 */
export * from './seq.ts';
export * from './segment.ts';
export * from './states.ts';
export * from './timers.ts';
export * from './endpoint.ts';
