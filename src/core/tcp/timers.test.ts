import { expect, test } from 'vitest';
import { TcpTimerSet } from './timers.ts';

test('TcpTimerSet.nextDeadline() is the earliest running deadline, Infinity when none runs', () => {
  const timers = new TcpTimerSet();
  expect(timers.nextDeadline()).toBe(Infinity);
  timers.start('time-wait', 500);
  timers.start('retransmit', 300);
  expect(timers.nextDeadline()).toBe(300);
  timers.start('retransmit', 900);
  expect(timers.nextDeadline()).toBe(500);
});

test('TcpTimerSet.due() lists due timers in the fixed kind order, whatever their deadlines', () => {
  const timers = new TcpTimerSet();
  timers.start('time-wait', 100);
  timers.start('delayed-ack', 50);
  timers.start('retransmit', 100);
  expect(timers.due(99)).toEqual(['delayed-ack']);
  expect(timers.due(100)).toEqual(['retransmit', 'delayed-ack', 'time-wait']);
});

test('TcpTimerSet.stop() and stopAll() report what was running', () => {
  const timers = new TcpTimerSet();
  timers.start('retransmit', 1);
  expect(timers.stop('delayed-ack')).toBe(false);
  expect(timers.stop('retransmit')).toBe(true);
  timers.start('time-wait', 5);
  timers.start('retransmit', 6);
  expect(timers.stopAll()).toEqual(['retransmit', 'time-wait']);
  expect(timers.list()).toEqual([]);
});
