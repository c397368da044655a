/**
 * The decoder's Web Worker: a 10 MB paste or a 100,000-packet capture takes long enough to read
 * that the page would freeze on the main thread. It answers with the packets found and the issues;
 * nothing leaves the browser.
 */
import { formatTimestamp, parseHexInput, readCapture } from '../../core/wire/index.ts';
import { buildPortDb, type CompactPortData } from '../../core/ports/index.ts';
import type { FilePacket, ReadRequest, ReadResponse } from './protocol.ts';

/** The parts of the worker's global scope used here (the project's TypeScript lib is the DOM one). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ReadRequest>) => void) | null;
  postMessage(message: ReadResponse): void;
}

const scope = self as unknown as WorkerScope;

/** Service names only: the maps a ServiceTable needs, small enough to send back. */
async function ports(r: Extract<ReadRequest, { type: 'ports' }>): Promise<ReadResponse> {
  try {
    const response = await fetch(r.url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const db = buildPortDb((await response.json()) as CompactPortData);
    const names = (m: ReadonlyMap<number, { name: string }>) => new Map([...m].map(([port, e]) => [port, { name: e.name }]));
    return { id: r.id, type: 'ports', table: { tcp: names(db.tcp), udp: names(db.udp) } };
  } catch (e) {
    return { id: r.id, type: 'ports-error', message: e instanceof Error ? e.message : String(e) };
  }
}

function answer(r: Exclude<ReadRequest, { type: 'ports' }>): ReadResponse {
  if (r.type === 'paste') {
    const { packets, format, issues } = parseHexInput(r.text);
    return { id: r.id, type: 'paste', packets, format, issues };
  }
  const capture = readCapture(r.bytes);
  const packets: FilePacket[] = capture.packets.map((p) => ({
    at: p.bytes.byteOffset - r.bytes.byteOffset,
    caplen: p.bytes.length,
    origLen: p.origLen,
    link: p.link ?? 'auto',
    time: formatTimestamp(p.ts, 6),
  }));
  return { id: r.id, type: 'file', format: capture.format, packets, issues: capture.issues };
}

scope.onmessage = (event) => {
  const r = event.data;
  if (r.type === 'ports') {
    void ports(r).then((answer) => scope.postMessage(answer));
    return;
  }
  try {
    scope.postMessage(answer(r));
  } catch (e) {
    scope.postMessage({ id: event.data.id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
