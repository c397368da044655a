/**
 * Every TLS preset is a valid scenario and shows what its description promises.
 */
import { describe, expect, test } from 'vitest';
import { tlsTiming } from '../query.ts';
import { runTlsScenario } from '../run.ts';
import { DEFAULT_RTT_MS, validateTlsScenario } from '../scenario.ts';
import { getTlsPreset, TLS_PRESETS } from './index.ts';

describe('TLS_PRESETS', () => {
  test('TLS_PRESETS lists the six presets the lessons name, in a stable order', () => {
    expect(TLS_PRESETS.map((p) => p.name)).toEqual(['tcp-tls12', 'tcp-tls13', 'tcp-tls13-hello-retry', 'tcp-tls13-0rtt', 'quic', 'quic-0rtt']);
  });

  test.each(TLS_PRESETS.map((p) => [p.name, p] as const))('preset %s is a valid scenario with a title and a one-line description', (name, preset) => {
    expect(validateTlsScenario(preset.scenario).problems).toEqual([]);
    expect(preset.scenario.name).toBe(name);
    expect(preset.scenario.rtt).toBe(DEFAULT_RTT_MS);
    expect(preset.title.length).toBeGreaterThan(0);
    expect(preset.description).not.toMatch(/\n/);
    expect(preset.description.length).toBeLessThanOrEqual(160);
  });

  test.each(TLS_PRESETS.map((p) => [p.name, p] as const))('preset %s sends its request after the round trips its description names', (_name, preset) => {
    const rounds = tlsTiming(runTlsScenario(preset.scenario))?.roundTripsBeforeRequest;
    const promised = /after (\d) round trips?|(\d) round trips/.exec(preset.description);
    if (promised !== null) expect(rounds).toBe(Number(promised[1] ?? promised[2]));
    else expect(preset.description).toMatch(/HelloRetryRequest costs one more round trip|early data with the ClientHello after the TCP handshake/);
  });

  test('getTlsPreset finds a preset by name and gives undefined for an unknown one', () => {
    expect(getTlsPreset('quic')?.title).toBe('QUIC (HTTP/3)');
    expect(getTlsPreset('tls-1.2')).toBeUndefined();
  });
});
