import { expect, test } from 'vitest';
import { formatSegment, orderFlags, segLen } from './segment.ts';
import type { SimSegment } from './segment.ts';

const base: SimSegment = { srcPort: 1, dstPort: 2, seq: 100, ack: 0, flags: [], window: 1000, len: 0 };

test.each([
    // RFC 9293 Figure 6, line 2
    [{ flags: ['SYN'] }, '<SEQ=100><CTL=SYN>'],
    // Figure 6, line 3
    [{ seq: 300, ack: 101, flags: ['SYN', 'ACK'] }, '<SEQ=300><ACK=101><CTL=SYN,ACK>'],
    // Figure 6, line 5: data is shown, PSH is not
    [{ seq: 101, ack: 301, flags: ['PSH', 'ACK'], len: 10 }, '<SEQ=101><ACK=301><CTL=ACK><DATA=10>'],
    // the ACK field is hidden when the ACK flag is off
    [{ seq: 0, ack: 55, flags: ['RST'] }, '<SEQ=0><CTL=RST>'],
] as const)('formatSegment(%o) writes %s', (fields, text) => {
  expect(formatSegment({ ...base, ...fields, flags: [...fields.flags] })).toBe(text);
});

test('segLen() counts SYN and FIN as one sequence number each (RFC 9293 §3.4)', () => {
  expect(segLen({ ...base, flags: ['SYN'] })).toBe(1);
  expect(segLen({ ...base, flags: ['FIN', 'ACK'], len: 10 })).toBe(11);
  expect(segLen({ ...base, flags: ['ACK'] })).toBe(0);
});

test('orderFlags() sorts flags by bit value as Wireshark prints them and drops repeats', () => {
  expect(orderFlags(['ACK', 'SYN'])).toEqual(['SYN', 'ACK']);
  expect(orderFlags(['ACK', 'PSH', 'FIN', 'ACK'])).toEqual(['FIN', 'PSH', 'ACK']);
});
