/**
 * The simulation core's public API: scenario → trace, validation, reading a trace at time t, the
 * RFC 9293 endpoint it is built on, and the presets. Documented in ../README.md, "Simulation".
 */
export * from '../tcp/seq.ts';
export * from '../tcp/segment.ts';
export * from '../tcp/timers.ts';
export * from '../tcp/endpoint.ts';
// TcpState is left out on purpose: ../sockets exports the identical RFC 9293 union under the same
// name, and two exports of one name make src/core/index.ts ambiguous. states.test.ts checks at
// compile time that the two stay identical.
export {
  TCP_STATES,
  SYNCHRONIZED_STATES,
  isSynchronized,
  stateFamily,
  tcpStateEdges,
  findStateEdge,
  isLegalTransition,
} from '../tcp/states.ts';
export type { TcpStateEdge, TcpStateFamily } from '../tcp/states.ts';
export * from './scenario.ts';
export * from './trace.ts';
export * from './run.ts';
export * from './query.ts';
export { mulberry32, randomUint32 } from './prng.ts';
export type { Random } from './prng.ts';
export * from '../presets/index.ts';
export * from './narrate.ts';
