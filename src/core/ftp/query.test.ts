import { describe, expect, test } from 'vitest';
import { getFtpPreset } from './presets/index.ts';
import { ftpArgumentAt, ftpSnapshotAt } from './query.ts';
import { runFtpScenario } from './run.ts';

const run = (name: string) => runFtpScenario(getFtpPreset(name)!.scenario);

describe('ftpSnapshotAt', () => {
  test('ftpSnapshotAt shows the control connection opening, then open, and the server listening on 21', () => {
    const t = run('passive');
    expect(ftpSnapshotAt(t, 0)).toMatchObject({ control: { status: 'opening', opener: 'client' }, data: null, listeners: [{ on: 'server', endpoint: { port: 21 } }], mappings: [] });
    expect(ftpSnapshotAt(t, 100).control?.status).toBe('open');
  });

  test('ftpSnapshotAt shows the failed data connection of active mode behind a NAT, with its reason', () => {
    const t = run('active-behind-nat');
    const mid = ftpSnapshotAt(t, 600);
    expect(mid.data).toMatchObject({ status: 'opening', opener: 'server', from: { address: '198.51.100.7', port: 20 }, to: { address: '192.168.1.10', port: 50000 } });
    expect(mid.listeners.map((l) => `${l.on} ${l.endpoint.port}`)).toEqual(['server 21', 'client 50000']);
    const last = ftpSnapshotAt(t, Infinity);
    expect(last.data).toMatchObject({ status: 'failed', reason: expect.stringContaining('192.168.1.10 is a private address') });
    expect(last.listeners.map((l) => `${l.on} ${l.endpoint.port}`)).toEqual(['server 21']);
    expect(last.mappings).toEqual([{ inside: { address: '192.168.1.10', port: 50100 }, outside: { address: '203.0.113.5', port: 40000 }, by: 'outbound' }]);
  });

  test('ftpSnapshotAt gives the peer\'s view of a connection a NAT translated', () => {
    const t = run('active-with-alg');
    const s = ftpSnapshotAt(t, Infinity);
    expect(s.data).toMatchObject({ status: 'closed', to: { address: '203.0.113.5', port: 40001 }, seenByPeer: { to: { address: '192.168.1.10', port: 50000 } } });
    expect(s.control).toMatchObject({ status: 'open', from: { address: '192.168.1.10', port: 50100 }, seenByPeer: { from: { address: '203.0.113.5', port: 40000 } } });
    expect(s.mappings.map((m) => m.by)).toEqual(['outbound', 'alg']);
  });
});

describe('ftpArgumentAt', () => {
  test('ftpArgumentAt is null before the first PORT/PASV exchange', () => {
    expect(ftpArgumentAt(run('active'), 350)).toBeNull();
  });

  test('ftpArgumentAt decodes the PORT command the client sent', () => {
    const a = ftpArgumentAt(run('active'), 400);
    expect(a).toMatchObject({ line: 'PORT 192,0,2,10,195,80', by: 'client', explanation: { arithmetic: '195 × 256 + 80 = 50000' } });
    expect(a?.original).toBeUndefined();
  });

  test('ftpArgumentAt shows the ALG\'s rewrite with what the client had written', () => {
    const a = ftpArgumentAt(run('active-with-alg'), 400);
    expect(a).toMatchObject({ line: 'PORT 203,0,113,5,156,65', by: 'middlebox', explanation: { port: 40001 }, original: { line: 'PORT 192,168,1,10,195,80', explanation: { port: 50000 } } });
  });

  test('ftpArgumentAt keeps the client\'s line when a NAT without ALG passes it on unchanged', () => {
    expect(ftpArgumentAt(run('active-behind-nat'), Infinity)).toMatchObject({ line: 'PORT 192,168,1,10,195,80', by: 'client' });
  });

  test('ftpArgumentAt decodes the 227 and 229 replies', () => {
    expect(ftpArgumentAt(run('passive'), 450)).toMatchObject({ by: 'server', explanation: { kind: '227', port: 50200 } });
    expect(ftpArgumentAt(run('epsv'), 450)).toMatchObject({ by: 'server', explanation: { kind: '229', address: '198.51.100.7', port: 6446 } });
  });
});
