/**
 * The explainer's Web Worker: parsing and explaining 100,000 lines takes about a second, which
 * would freeze the page on the main thread. It answers each request with what the widget shows.
 */
import { ExplainerEngine, handleRequest } from './engine.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';

/** The parts of the worker's global scope used here (the project's TypeScript lib is the DOM one). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(message: EngineResponse): void;
}

const scope = self as unknown as WorkerScope;
const engine = new ExplainerEngine();
scope.onmessage = (event) => {
  scope.postMessage(handleRequest(engine, event.data, () => performance.now()));
};
