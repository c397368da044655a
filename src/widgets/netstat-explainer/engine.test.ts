import { describe, expect, test } from 'vitest';
import { CSV_COLUMNS, DEFAULT_SORT, NO_FILTER, explainTable, parseSocketTable } from '../../core/index.ts';
import { ianaCompactData } from '../../core/ports/iana-data.ts';
import { ExplainerEngine, FINDING_LINES_SHOWN, LISTENER_PORTS_SHOWN, handleRequest } from './engine.ts';
import type { ExportResult, Snapshot, SyncRequest } from './protocol.ts';
import { SAMPLES, findSample } from './samples.ts';

const base: Omit<SyncRequest, 'id'> = { type: 'sync', format: 'auto', sort: DEFAULT_SORT, filter: NO_FILTER, rowLimit: 500, issueLimit: 200 };
const sync = (engine: ExplainerEngine, req: Partial<SyncRequest>, id = 1): Snapshot => engine.sync({ ...base, id, ...req });

describe('SAMPLES', () => {
  test.each(SAMPLES.map((s) => [s.id, s] as const))('%s parses to its format with rows and no line left unexplained', (_id, sample) => {
    const table = parseSocketTable(sample.text);
    expect(table.format).toBe(sample.format);
    expect(table.rows.length).toBeGreaterThan(0);
  });

  test('has the ids lessons embed, each once', () => {
    const ids = SAMPLES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['linux-ss-tulpn', 'windows-netstat-ano-de', 'macos-netstat-an', 'linux-ss-tan', 'lsof-i', 'mixed']) expect(findSample(id)?.id).toBe(id);
    expect(findSample('nope')).toBeUndefined();
  });
});

describe('ExplainerEngine.sync(request)', () => {
  test('returns the rows of a paste with their notes and source lines, and the summary', () => {
    const engine = new ExplainerEngine();
    const text = findSample('linux-ss-tan')!.text;
    const snap = sync(engine, { text });
    const lines = text.split('\n');
    expect(snap.format).toBe('ss');
    expect(snap.rowCount).toBe(28);
    expect(snap.matching).toBe(28);
    expect(snap.rows).toHaveLength(28);
    for (const r of snap.rows) {
      expect(r.source).toBe(lines[r.row.line - 1]);
      expect(r.notes.length).toBeGreaterThan(0);
    }
    expect(snap.states.find((s) => s.state === 'TIME-WAIT')?.count).toBe(12);
    expect(snap.findings.map((f) => f.kind)).toContain('close-wait-pile');
    expect(snap.portsLoaded).toBe(false);
  });

  test('sends only rowLimit rows and issueLimit issues, with the totals', () => {
    const engine = new ExplainerEngine();
    const text = Array.from({ length: 1200 }, (_, i) => (i % 2 ? `tcp ESTAB 0 0 10.0.0.1:${1000 + i} 10.0.0.2:443` : `garbage ${i}`)).join('\n');
    const snap = sync(engine, { text, rowLimit: 100, issueLimit: 50 });
    expect(snap.rows).toHaveLength(100);
    expect(snap.matching).toBe(600);
    expect(snap.issues).toHaveLength(50);
    expect(snap.issueTotal).toBe(600);
    // the first garbage line comes right before the first row, so it is read as the table's title
    expect([snap.issueCounts.error, snap.issueCounts.info]).toEqual([599, 1]);
    expect(snap.issues.slice(0, 2)).toMatchObject([{ line: 1, severity: 'info' }, { line: 3, severity: 'error' }]);
  });

  test('applies the sort and the filter, and re-sorts without re-parsing', () => {
    const engine = new ExplainerEngine();
    sync(engine, { text: findSample('windows-netstat-ano')!.text });
    const listening = sync(engine, { filter: { ...NO_FILTER, state: 'LISTEN' }, sort: { key: 'local', direction: 'descending' } }, 2);
    expect(listening.rows.every((r) => r.row.state === 'LISTEN')).toBe(true);
    expect(listening.matching).toBe(8);
    // descending: IPv6 [::1] first, then IPv4 by number, the wildcards :: and 0.0.0.0 last
    expect(listening.rows.map((r) => r.row.local.address)).toEqual(['::1', '192.168.1.7', '127.0.0.1', '::', '::', '0.0.0.0', '0.0.0.0', '0.0.0.0']);
    expect(listening.rowCount).toBe(19); // the whole table is still there
  });

  test('maps translated Windows state words to RFC names and keeps what was printed', () => {
    const snap = sync(new ExplainerEngine(), { text: findSample('windows-netstat-ano-de')!.text });
    const states = snap.rows.map((r) => [r.row.stateText, r.row.state]);
    expect(states).toContainEqual(['ABHÖREN', 'LISTEN']);
    expect(states).toContainEqual(['HERGESTELLT', 'ESTABLISHED']);
  });

  test('reads every line as the chosen format, and says it was chosen', () => {
    const engine = new ExplainerEngine();
    const text = findSample('linux-ss-tulpn')!.text;
    const forced = sync(engine, { text, format: 'windows-netstat' });
    expect([forced.forced, forced.chosen]).toEqual([true, 'windows-netstat']);
    expect(forced.rowCount).toBe(0);
    expect(forced.issueCounts.error).toBeGreaterThan(0);
    const auto = sync(engine, { format: 'auto' }, 2);
    expect([auto.forced, auto.format, auto.rowCount]).toEqual([false, 'ss', 6]);
  });

  test('resolves service names once the port registry arrives, and reports a broken one', () => {
    const engine = new ExplainerEngine();
    const text = 'State  Recv-Q Send-Q Local Address:Port Peer Address:Port\nLISTEN 0      128          0.0.0.0:ssh       0.0.0.0:*'; // ss -tl without -n
    const before = sync(engine, { text });
    expect(before.rows[0]!.row.local).toMatchObject({ service: 'ssh', port: null });
    const after = sync(engine, { ports: JSON.stringify(ianaCompactData()) }, 2);
    expect(after.portsLoaded).toBe(true);
    expect(after.rows[0]!.row.local.port).toBe(22);
    expect(after.rows[0]!.notes.some((n) => /registered for ssh/.test(n.text))).toBe(true);
    const broken = sync(new ExplainerEngine(), { text, ports: '{not json' });
    expect(broken.portsError).toMatch(/could not be read/);
    expect(broken.rowCount).toBe(before.rowCount);
  });

  test('cuts long port and line lists but keeps their totals', () => {
    const text = Array.from({ length: 300 }, (_, i) => `tcp CLOSE-WAIT 1 0 0.0.0.0:${2000 + i} 10.0.0.9:${40000 + i} users:(("app",pid=9,fd=${i}))`)
      .concat(Array.from({ length: 30 }, (_, i) => `tcp LISTEN 0 5 0.0.0.0:${3000 + i} 0.0.0.0:*`))
      .join('\n');
    const snap = sync(new ExplainerEngine(), { text });
    const group = snap.listeners.find((l) => l.exposure === 'all-interfaces')!;
    expect([group.count, group.ports.length, group.portTotal]).toEqual([30, LISTENER_PORTS_SHOWN, 30]);
    const pile = snap.findings.find((f) => f.kind === 'close-wait-pile')!;
    expect([pile.lines.length, pile.lineTotal]).toEqual([FINDING_LINES_SHOWN, 300]);
  });

  test('agrees with explainTable on the notes of every row', () => {
    const text = SAMPLES.map((s) => s.text).join('\n');
    const snap = sync(new ExplainerEngine(), { text, rowLimit: 10_000 });
    const direct = explainTable(parseSocketTable(text).rows);
    expect(snap.rows.map((r) => r.notes)).toEqual(direct.rows.map((r) => r.notes));
  });
});

describe('handleRequest(engine, request)', () => {
  test('exports the current view as CSV, one record per row that passes the filter', async () => {
    const engine = new ExplainerEngine();
    handleRequest(engine, { ...base, id: 1, text: findSample('linux-ss-tan')!.text, filter: { ...NO_FILTER, state: 'TIME-WAIT' } });
    const res = handleRequest(engine, { type: 'export', id: 2, kind: 'csv' }) as ExportResult;
    expect([res.type, res.filename, res.rows]).toEqual(['export', 'socket-table.csv', 12]);
    const csv = await res.blob.text();
    const records = csv.trimEnd().split('\r\n');
    expect(records[0]).toBe(CSV_COLUMNS.join(','));
    expect(records).toHaveLength(13);
  });

  test('exports Markdown that says it is filtered', async () => {
    const engine = new ExplainerEngine();
    handleRequest(engine, { ...base, id: 1, text: findSample('linux-ss-tan')!.text, filter: { ...NO_FILTER, state: 'LISTEN' } });
    const res = handleRequest(engine, { type: 'export', id: 2, kind: 'markdown' }) as ExportResult;
    const md = await res.blob.text();
    expect(md).toContain('29 lines pasted; 4 rows (filtered).');
    expect(res.blob.type).toBe('text/markdown;charset=utf-8');
  });

  test('times a sync with the clock it is given', () => {
    let t = 0;
    const snap = handleRequest(new ExplainerEngine(), { ...base, id: 7, text: 'x' }, () => (t += 5)) as Snapshot;
    expect([snap.id, snap.millis]).toEqual([7, 5]);
  });

  test('reports a failure instead of throwing', () => {
    const engine = new ExplainerEngine();
    // a malformed request (no filter) makes the view code fail: the caller gets a message
    const res = handleRequest(engine, { ...base, id: 3, filter: null as unknown as SyncRequest['filter'], text: 'tcp LISTEN 0 5 0.0.0.0:1 0.0.0.0:*' });
    expect(res).toMatchObject({ type: 'failure', id: 3 });
  });
});
