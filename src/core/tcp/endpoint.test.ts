/**
 * TcpEndpoint, state by state in RFC 9293 order. Each test reads like a packet trace: the peer's
 * segment goes in (recv), the segments we send come out (takeSent), in the RFC's own terms.
 */
import { describe, expect, test } from 'vitest';
import { seqAdd } from './seq.ts';
import {
  LOCAL_ISS,
  LOCAL_MSS,
  LOCAL_WINDOW,
  MAX_RETRIES,
  MSL,
  REMOTE_ISS,
  REMOTE_WINDOW,
  RTO,
  closeWait,
  closed,
  closing,
  established,
  finWait1,
  finWait2,
  lastAck,
  listening,
  sendSeg,
  synReceived,
  synSent,
  timeWait,
} from './test-harness.ts';
import type { Harness } from './test-harness.ts';

/** Our sequence number after the SYN. */
const ISS1 = seqAdd(LOCAL_ISS, 1);
/** The peer's first sequence number after its SYN (our RCV.NXT once synchronized). */
const IRS1 = seqAdd(REMOTE_ISS, 1);

/** An ACK we send: <SEQ=seq><ACK=ack><CTL=ACK>. */
const ack = (seq: number, ackNo: number) => sendSeg({ seq, ack: ackNo, flags: ['ACK'] });

describe('CLOSED: user calls (§3.10.1–§3.10.5) and arriving segments (§3.10.7.1)', () => {
  test('TcpEndpoint.connect() in CLOSED sends <SEQ=ISS><CTL=SYN> with an MSS option and enters SYN-SENT', () => {
    const h = closed();
    h.ep.connect(0);
    expect(h.takeSent()).toEqual([sendSeg({ seq: LOCAL_ISS, flags: ['SYN'], options: { mss: LOCAL_MSS } })]);
    expect(h.tcpState).toBe('SYN-SENT');
    expect(h.ep.snapshot()).toMatchObject({ iss: LOCAL_ISS, sndUna: LOCAL_ISS, sndNxt: ISS1, irs: null });
    expect(h.ep.runningTimers()).toEqual([{ kind: 'retransmit', expiresAt: RTO }]);
  });

  test('TcpEndpoint.listen() in CLOSED enters LISTEN and sends nothing', () => {
    const h = closed();
    h.ep.listen(0);
    expect(h.tcpState).toBe('LISTEN');
    expect(h.takeSent()).toEqual([]);
  });

  test.each([
    // §3.10.2 SEND in CLOSED
    ['send', (h: Harness) => h.ep.send(0, 10)],
    // §3.10.4 CLOSE in CLOSED
    ['close', (h: Harness) => h.ep.close(0)],
    // §3.10.5 ABORT in CLOSED
    ['abort', (h: Harness) => h.ep.abort(0)],
  ])('TcpEndpoint.%s() in CLOSED reports "connection does not exist"', (_name, call) => {
    const h = closed();
    call(h);
    expect(h.errors).toEqual(['does-not-exist']);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
  });

  test('TcpEndpoint in CLOSED answers a SYN with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', () => {
    const h = closed().recv({ seq: REMOTE_ISS, flags: ['SYN'] });
    expect(h.takeSent()).toEqual([sendSeg({ seq: 0, ack: IRS1, flags: ['RST', 'ACK'], window: 0 })]);
    expect(h.tcpState).toBe('CLOSED');
  });

  test('TcpEndpoint in CLOSED counts data in SEG.LEN when answering a segment without ACK', () => {
    const h = closed().recv({ seq: REMOTE_ISS, flags: ['PSH'], len: 300 });
    expect(h.takeSent()).toEqual([sendSeg({ seq: 0, ack: REMOTE_ISS + 300, flags: ['RST', 'ACK'], window: 0 })]);
  });

  test('TcpEndpoint in CLOSED answers a segment carrying ACK with <SEQ=SEG.ACK><CTL=RST>', () => {
    const h = closed().recv({ seq: REMOTE_ISS, ack: 777, flags: ['ACK'], len: 10 });
    expect(h.takeSent()).toEqual([sendSeg({ seq: 777, flags: ['RST'], window: 0 })]);
  });

  test('TcpEndpoint in CLOSED discards a RST without answering', () => {
    const h = closed().recv({ seq: REMOTE_ISS, ack: 5, flags: ['RST', 'ACK'] });
    expect(h.takeSent()).toEqual([]);
    expect(h.discards).toHaveLength(1);
  });

  test('TcpEndpoint answers a segment for another port as CLOSED does, even while listening', () => {
    const h = listening();
    h.ep.receive(0, { ...sendSeg({}), srcPort: 5555, dstPort: 81, seq: 42, flags: ['SYN'] });
    expect(h.takeSent()).toEqual([{ ...sendSeg({ seq: 0, ack: 43, flags: ['RST', 'ACK'], window: 0 }), dstPort: 5555 }]);
    expect(h.tcpState).toBe('LISTEN');
  });
});

describe('LISTEN (§3.10.7.2)', () => {
  test('TcpEndpoint in LISTEN answers a SYN with <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK> and enters SYN-RECEIVED', () => {
    const h = listening().recv({ seq: REMOTE_ISS, flags: ['SYN'], options: { mss: 1200 } });
    expect(h.takeSent()).toEqual([sendSeg({ seq: LOCAL_ISS, ack: IRS1, flags: ['SYN', 'ACK'], options: { mss: LOCAL_MSS } })]);
    expect(h.tcpState).toBe('SYN-RECEIVED');
    expect(h.ep.snapshot()).toMatchObject({ iss: LOCAL_ISS, irs: REMOTE_ISS, rcvNxt: IRS1, sndUna: LOCAL_ISS, sndNxt: ISS1 });
  });

  test('TcpEndpoint in LISTEN ignores a RST', () => {
    const h = listening().recv({ seq: REMOTE_ISS, flags: ['RST'] });
    expect(h.takeSent()).toEqual([]);
    expect(h.tcpState).toBe('LISTEN');
    expect(h.discards[0]).toMatch(/LISTEN ignores a RST/);
  });

  test('TcpEndpoint in LISTEN answers any ACK with <SEQ=SEG.ACK><CTL=RST> and keeps listening', () => {
    const h = listening().recv({ seq: REMOTE_ISS, ack: 4242, flags: ['ACK'] });
    expect(h.takeSent()).toEqual([sendSeg({ seq: 4242, flags: ['RST'], window: 0 })]);
    expect(h.tcpState).toBe('LISTEN');
  });

  test('TcpEndpoint in LISTEN drops a segment with neither SYN, ACK nor RST', () => {
    const h = listening().recv({ seq: REMOTE_ISS, flags: ['FIN'] });
    expect(h.takeSent()).toEqual([]);
    expect(h.tcpState).toBe('LISTEN');
  });

  test('TcpEndpoint.connect() in LISTEN turns the passive open active and sends a SYN (§3.10.1)', () => {
    const h = listening();
    h.ep.connect(0);
    expect(h.takeSent()).toEqual([sendSeg({ seq: LOCAL_ISS, flags: ['SYN'], options: { mss: LOCAL_MSS } })]);
    expect(h.transitions).toEqual([{ from: 'LISTEN', to: 'SYN-SENT', cause: 'active OPEN in LISTEN (passive to active)' }]);
  });

  test.each([
    // §3.10.2: the passive OPEN left the remote socket unspecified
    ['send', (h: Harness) => h.ep.send(0, 5), 'remote-unspecified'],
    // §3.10.1: the listening TCB already exists
    ['listen', (h: Harness) => h.ep.listen(0), 'already-exists'],
  ])('TcpEndpoint.%s() in LISTEN reports an error and stays in LISTEN', (_name, call, code) => {
    const h = listening();
    call(h);
    expect(h.errors).toEqual([code]);
    expect(h.tcpState).toBe('LISTEN');
  });

  test.each([
    // §3.10.4 CLOSE in LISTEN
    ['close', (h: Harness) => h.ep.close(0)],
    // §3.10.5 ABORT in LISTEN
    ['abort', (h: Harness) => h.ep.abort(0)],
  ])('TcpEndpoint.%s() in LISTEN deletes the TCB without sending anything', (_name, call) => {
    const h = listening();
    call(h);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});

describe('SYN-SENT (§3.10.7.3)', () => {
  test('TcpEndpoint in SYN-SENT answers a SYN,ACK acknowledging its SYN with an ACK and enters ESTABLISHED', () => {
    const h = synSent();
    h.now = 100;
    h.recv({ seq: REMOTE_ISS, ack: ISS1, flags: ['SYN', 'ACK'], options: { mss: 1200 } });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
    expect(h.tcpState).toBe('ESTABLISHED');
    expect(h.ep.snapshot()).toMatchObject({ irs: REMOTE_ISS, rcvNxt: IRS1, sndUna: ISS1, sndNxt: ISS1, sndWnd: REMOTE_WINDOW });
    expect(h.ep.runningTimers()).toEqual([]);
  });

  test('TcpEndpoint in SYN-SENT answers a bare SYN with <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (simultaneous open)', () => {
    const h = synSent().recv({ seq: REMOTE_ISS, flags: ['SYN'], options: { mss: 1000 } });
    expect(h.takeSent()).toEqual([sendSeg({ seq: LOCAL_ISS, ack: IRS1, flags: ['SYN', 'ACK'], options: { mss: LOCAL_MSS } })]);
    expect(h.tcpState).toBe('SYN-RECEIVED');
  });

  test('TcpEndpoint in SYN-SENT reports "connection refused" and closes on a RST with an acceptable ACK', () => {
    const h = synSent().recv({ seq: 0, ack: ISS1, flags: ['RST', 'ACK'] });
    expect(h.errors).toEqual(['refused']);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.ep.runningTimers()).toEqual([]);
  });

  test('TcpEndpoint in SYN-SENT drops a RST without ACK', () => {
    const h = synSent().recv({ seq: 0, flags: ['RST'] });
    expect(h.tcpState).toBe('SYN-SENT');
    expect(h.errors).toEqual([]);
    expect(h.takeSent()).toEqual([]);
  });

  test.each([
    // SEG.ACK =< ISS: acknowledges something before our SYN
    ['SEG.ACK = ISS', LOCAL_ISS],
    // SEG.ACK > SND.NXT: acknowledges something never sent
    ['SEG.ACK > SND.NXT', LOCAL_ISS + 2],
  ])('TcpEndpoint in SYN-SENT answers an unacceptable ACK (%s) with <SEQ=SEG.ACK><CTL=RST>', (_name, bad) => {
    const h = synSent().recv({ seq: REMOTE_ISS, ack: bad, flags: ['SYN', 'ACK'] });
    expect(h.takeSent()).toEqual([sendSeg({ seq: bad, flags: ['RST'], window: 0 })]);
    expect(h.tcpState).toBe('SYN-SENT');
  });

  test('TcpEndpoint in SYN-SENT drops a RST carrying an unacceptable ACK without answering', () => {
    const h = synSent().recv({ seq: 0, ack: LOCAL_ISS + 9, flags: ['RST', 'ACK'] });
    expect(h.takeSent()).toEqual([]);
    expect(h.tcpState).toBe('SYN-SENT');
  });

  test('TcpEndpoint in SYN-SENT drops an acceptable ACK with neither SYN nor RST', () => {
    const h = synSent().recv({ seq: REMOTE_ISS, ack: ISS1, flags: ['ACK'] });
    expect(h.takeSent()).toEqual([]);
    expect(h.tcpState).toBe('SYN-SENT');
  });

  test('TcpEndpoint in SYN-SENT retransmits the same SYN after 1, 2 and 4 s more, then reports "connection timed out"', () => {
    const h = synSent();
    expect(h.ep.runningTimers()).toEqual([{ kind: 'retransmit', expiresAt: 1000 }]);
    h.advanceTo(100_000);
    const syns = h.sent.filter((s) => s.retransmission);
    expect(syns.map((s) => s.segment)).toEqual(Array(MAX_RETRIES).fill(sendSeg({ seq: LOCAL_ISS, flags: ['SYN'], options: { mss: LOCAL_MSS } })));
    const expiries = h.timerLog.filter((t) => t.action === 'start').map((t) => t.expiresAt);
    // SYN at 0 with RTO 1 s; each expiry doubles it (RFC 6298 §5.5): resent at 1, 3 and 7 s, given up at 15 s.
    expect(expiries).toEqual([3000, 7000, 15000]);
    expect(h.errors).toEqual(['timed-out']);
    expect(h.transitions.at(-1)).toMatchObject({ from: 'SYN-SENT', to: 'CLOSED' });
  });

  test('TcpEndpoint.send() in SYN-SENT queues the data until ESTABLISHED, then sends it after the ACK', () => {
    const h = synSent();
    h.ep.send(0, 1500);
    expect(h.takeSent()).toEqual([]);
    h.recv({ seq: REMOTE_ISS, ack: ISS1, flags: ['SYN', 'ACK'], options: { mss: 1000 } });
    expect(h.takeSent()).toEqual([
      ack(ISS1, IRS1),
      sendSeg({ seq: ISS1, ack: IRS1, flags: ['ACK'], len: 1000 }),
      sendSeg({ seq: ISS1 + 1000, ack: IRS1, flags: ['PSH', 'ACK'], len: 500 }),
    ]);
  });

  test.each([
    // §3.10.4 CLOSE in SYN-SENT
    ['close', (h: Harness) => h.ep.close(0)],
    // §3.10.5 ABORT in SYN-SENT
    ['abort', (h: Harness) => h.ep.abort(0)],
  ])('TcpEndpoint.%s() in SYN-SENT deletes the TCB without sending anything', (_name, call) => {
    const h = synSent();
    call(h);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
    expect(h.ep.runningTimers()).toEqual([]);
  });

  test('TcpEndpoint.connect() in SYN-SENT reports "connection already exists"', () => {
    const h = synSent();
    h.ep.connect(0);
    expect(h.errors).toEqual(['already-exists']);
  });
});

describe('SYN-RECEIVED (§3.10.7.4)', () => {
  test('TcpEndpoint in SYN-RECEIVED enters ESTABLISHED on the ACK of its SYN and sends nothing', () => {
    const h = synReceived().recv({ seq: IRS1, ack: ISS1, flags: ['ACK'] });
    expect(h.tcpState).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([]);
    expect(h.ep.snapshot()).toMatchObject({ sndUna: ISS1, sndWnd: REMOTE_WINDOW });
  });

  test.each([
    // SEG.ACK = SND.UNA acknowledges nothing new
    ['SEG.ACK = ISS', LOCAL_ISS],
    // SEG.ACK > SND.NXT acknowledges something never sent
    ['SEG.ACK > SND.NXT', LOCAL_ISS + 5],
  ])('TcpEndpoint in SYN-RECEIVED answers an unacceptable ACK (%s) with <SEQ=SEG.ACK><CTL=RST>', (_name, bad) => {
    const h = synReceived().recv({ seq: IRS1, ack: bad, flags: ['ACK'] });
    expect(h.takeSent()).toEqual([sendSeg({ seq: bad, flags: ['RST'], window: 0 })]);
    expect(h.tcpState).toBe('SYN-RECEIVED');
  });

  test('TcpEndpoint in SYN-RECEIVED after a passive OPEN returns to LISTEN on a RST, without telling the user', () => {
    const h = synReceived().recv({ seq: IRS1, flags: ['RST'] });
    expect(h.tcpState).toBe('LISTEN');
    expect(h.errors).toEqual([]);
    expect(h.ep.runningTimers()).toEqual([]);
    expect(h.ep.snapshot()).toMatchObject({ iss: null, irs: null });
  });

  test('TcpEndpoint in SYN-RECEIVED after an active OPEN reports "connection refused" on a RST', () => {
    const h = synSent().recv({ seq: REMOTE_ISS, flags: ['SYN'] }).clear();
    h.recv({ seq: IRS1, flags: ['RST'] });
    expect(h.errors).toEqual(['refused']);
    expect(h.tcpState).toBe('CLOSED');
  });

  test('TcpEndpoint in SYN-RECEIVED answers a RST inside the window but not at RCV.NXT with a challenge ACK (RFC 5961)', () => {
    const h = synReceived().recv({ seq: IRS1 + 10, flags: ['RST'] });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
    expect(h.tcpState).toBe('SYN-RECEIVED');
  });

  test('TcpEndpoint in SYN-RECEIVED answers a retransmitted SYN (old sequence number) with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>', () => {
    const h = synReceived().recv({ seq: REMOTE_ISS, flags: ['SYN'] });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
    expect(h.tcpState).toBe('SYN-RECEIVED');
  });

  test('TcpEndpoint in SYN-RECEIVED after a passive OPEN returns to LISTEN on a SYN inside the window', () => {
    const h = synReceived().recv({ seq: IRS1 + 100, flags: ['SYN'] });
    expect(h.tcpState).toBe('LISTEN');
  });

  test('TcpEndpoint in SYN-RECEIVED takes the ACK of a SYN,ACK repeating the peer\'s SYN (simultaneous open, Figure 7)', () => {
    const h = synSent().recv({ seq: REMOTE_ISS, flags: ['SYN'] }).clear();
    h.recv({ seq: REMOTE_ISS, ack: ISS1, flags: ['SYN', 'ACK'] });
    expect(h.tcpState).toBe('ESTABLISHED');
    expect(h.takeSent()).toEqual([]);
  });

  test('TcpEndpoint in SYN-RECEIVED retransmits its SYN,ACK and, after a passive OPEN, gives up back to LISTEN', () => {
    const h = synReceived();
    h.advanceTo(100_000);
    expect(h.sent.filter((s) => s.retransmission).map((s) => s.segment)).toEqual(
      Array(MAX_RETRIES).fill(sendSeg({ seq: LOCAL_ISS, ack: IRS1, flags: ['SYN', 'ACK'], options: { mss: LOCAL_MSS } })),
    );
    expect(h.tcpState).toBe('LISTEN');
    expect(h.errors).toEqual([]);
  });

  test('TcpEndpoint.close() in SYN-RECEIVED with nothing queued sends a FIN and enters FIN-WAIT-1', () => {
    const h = synReceived();
    h.ep.close(0);
    expect(h.takeSent()).toEqual([sendSeg({ seq: ISS1, ack: IRS1, flags: ['FIN', 'ACK'] })]);
    expect(h.tcpState).toBe('FIN-WAIT-1');
  });

  test('TcpEndpoint.close() in SYN-RECEIVED with data queued waits for ESTABLISHED, then sends the data and the FIN', () => {
    const h = synReceived();
    h.ep.send(0, 300);
    h.ep.close(0);
    expect(h.takeSent()).toEqual([]);
    expect(h.tcpState).toBe('SYN-RECEIVED');
    h.recv({ seq: IRS1, ack: ISS1, flags: ['ACK'] });
    expect(h.transitions.map((t) => t.to)).toEqual(['ESTABLISHED', 'FIN-WAIT-1']);
    expect(h.takeSent()).toEqual([
      sendSeg({ seq: ISS1, ack: IRS1, flags: ['PSH', 'ACK'], len: 300 }),
      sendSeg({ seq: ISS1 + 300, ack: IRS1, flags: ['FIN', 'ACK'] }),
    ]);
  });

  test('TcpEndpoint.abort() in SYN-RECEIVED sends <SEQ=SND.NXT><CTL=RST> and deletes the TCB', () => {
    const h = synReceived();
    h.ep.abort(0);
    expect(h.takeSent()).toEqual([sendSeg({ seq: ISS1, flags: ['RST'], window: 0 })]);
    expect(h.tcpState).toBe('CLOSED');
  });

  test('TcpEndpoint in SYN-RECEIVED goes through ESTABLISHED to CLOSE-WAIT on an acceptable ACK carrying FIN', () => {
    const h = synReceived().recv({ seq: IRS1, ack: ISS1, flags: ['FIN', 'ACK'] });
    expect(h.transitions.map((t) => t.to)).toEqual(['ESTABLISHED', 'CLOSE-WAIT']);
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 1)]);
  });
});

describe('ESTABLISHED (§3.10.7.4)', () => {
  test('TcpEndpoint in ESTABLISHED delivers in-order data and ACKs it at once', () => {
    const h = established().recv({ seq: IRS1, ack: ISS1, flags: ['PSH', 'ACK'], len: 500 });
    expect(h.delivered).toEqual([500]);
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 500)]);
    expect(h.ep.snapshot()?.rcvNxt).toBe(IRS1 + 500);
  });

  test('TcpEndpoint.send() in ESTABLISHED cuts data into MSS-sized segments, PSH on the last, up to the send window', () => {
    // The peer announced MSS 1000 and a 6000-byte window: 6 segments now, the rest after an ACK.
    const h = established();
    h.ep.send(100, 6500);
    const first = h.takeSent();
    expect(first).toHaveLength(6);
    expect(first.map((s) => [s.seq - ISS1, s.len, s.flags.join(',')])).toEqual([
      [0, 1000, 'ACK'],
      [1000, 1000, 'ACK'],
      [2000, 1000, 'ACK'],
      [3000, 1000, 'ACK'],
      [4000, 1000, 'ACK'],
      [5000, 1000, 'ACK'],
    ]);
    h.recv({ seq: IRS1, ack: ISS1 + 1000, flags: ['ACK'] });
    expect(h.takeSent()).toEqual([sendSeg({ seq: ISS1 + 6000, ack: IRS1, flags: ['PSH', 'ACK'], len: 500 })]);
  });

  test('TcpEndpoint in ESTABLISHED removes cumulatively acknowledged segments and stops the timer when all are acked', () => {
    const h = established();
    h.ep.send(100, 3000);
    h.takeSent();
    h.now = 150;
    h.recv({ seq: IRS1, ack: ISS1 + 2000, flags: ['ACK'] });
    expect(h.ep.snapshot()?.sndUna).toBe(ISS1 + 2000);
    expect(h.ep.runningTimers()).toEqual([{ kind: 'retransmit', expiresAt: 150 + h.ep.rto }]);
    h.recv({ seq: IRS1, ack: ISS1 + 3000, flags: ['ACK'] });
    expect(h.ep.runningTimers()).toEqual([]);
  });

  test('TcpEndpoint in ESTABLISHED holds an out-of-order segment, repeats its ACK, and delivers everything once the gap fills', () => {
    const h = established();
    h.recv({ seq: IRS1 + 1000, ack: ISS1, flags: ['ACK'], len: 1000 });
    expect(h.delivered).toEqual([]);
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
    h.recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], len: 1000 });
    expect(h.delivered).toEqual([1000, 1000]);
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 2000)]);
  });

  test('TcpEndpoint in ESTABLISHED acknowledges an old duplicate segment without delivering it again', () => {
    const h = established().recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], len: 100 }).clear();
    h.recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], len: 100 });
    expect(h.delivered).toEqual([]);
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 100)]);
    expect(h.discards[0]).toMatch(/unacceptable segment/);
  });

  test('TcpEndpoint in ESTABLISHED delivers only the new part of a segment straddling RCV.NXT', () => {
    const h = established().recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], len: 100 }).clear();
    h.recv({ seq: IRS1 + 50, ack: ISS1, flags: ['ACK'], len: 100 });
    expect(h.delivered).toEqual([50]);
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 150)]);
  });

  test('TcpEndpoint in ESTABLISHED answers an ACK of data never sent with an ACK and drops the segment', () => {
    const h = established().recv({ seq: IRS1, ack: ISS1 + 50, flags: ['ACK'], len: 10 });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
    expect(h.delivered).toEqual([]);
  });

  test('TcpEndpoint in ESTABLISHED answers a zero-length segment outside the window with an ACK', () => {
    const h = established().recv({ seq: IRS1 + LOCAL_WINDOW + 5, ack: ISS1, flags: ['ACK'] });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
  });

  test('TcpEndpoint in ESTABLISHED reports "connection reset" and closes on a RST at RCV.NXT', () => {
    const h = established().recv({ seq: IRS1, flags: ['RST'] });
    expect(h.errors).toEqual(['reset']);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
  });

  test('TcpEndpoint in ESTABLISHED answers a RST inside the window but not at RCV.NXT with a challenge ACK', () => {
    const h = established().recv({ seq: IRS1 + 1, flags: ['RST'] });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
    expect(h.tcpState).toBe('ESTABLISHED');
  });

  test('TcpEndpoint in ESTABLISHED silently drops a RST outside the window', () => {
    const h = established().recv({ seq: IRS1 - 1, flags: ['RST'] });
    expect(h.takeSent()).toEqual([]);
    expect(h.tcpState).toBe('ESTABLISHED');
  });

  test('TcpEndpoint in ESTABLISHED answers a SYN with a challenge ACK and stays (RFC 5961 §4)', () => {
    const h = established().recv({ seq: IRS1 + 10, flags: ['SYN'] });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
    expect(h.tcpState).toBe('ESTABLISHED');
  });

  test('TcpEndpoint in ESTABLISHED answers a retransmitted SYN,ACK with an ACK (the lost third segment of the handshake)', () => {
    const h = synSent().recv({ seq: REMOTE_ISS, ack: ISS1, flags: ['SYN', 'ACK'] }).clear();
    h.recv({ seq: REMOTE_ISS, ack: ISS1, flags: ['SYN', 'ACK'] });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1)]);
  });

  test('TcpEndpoint in ESTABLISHED signals end of stream, ACKs a FIN and enters CLOSE-WAIT', () => {
    const h = established().recv({ seq: IRS1, ack: ISS1, flags: ['FIN', 'ACK'] });
    expect(h.eofs).toBe(1);
    expect(h.tcpState).toBe('CLOSE-WAIT');
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 1)]);
  });

  test('TcpEndpoint in ESTABLISHED delivers data and processes the FIN of the same segment with one ACK', () => {
    const h = established().recv({ seq: IRS1, ack: ISS1, flags: ['FIN', 'PSH', 'ACK'], len: 40 });
    expect(h.delivered).toEqual([40]);
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 41)]);
  });

  test('TcpEndpoint in ESTABLISHED retransmits the earliest unacknowledged segment with its original sequence number', () => {
    const h = established();
    h.ep.send(100, 2500);
    h.takeSent();
    h.advanceTo(100 + RTO);
    expect(h.sent).toEqual([{ segment: sendSeg({ seq: ISS1, ack: IRS1, flags: ['ACK'], len: 1000 }), retransmission: true }]);
    expect(h.ep.rto).toBe(2 * RTO);
  });

  test('TcpEndpoint in ESTABLISHED gives up with "connection timed out" after maxRetries retransmissions', () => {
    const h = established();
    h.ep.send(100, 10);
    h.advanceTo(1_000_000);
    expect(h.sent.filter((s) => s.retransmission)).toHaveLength(MAX_RETRIES);
    expect(h.errors).toEqual(['timed-out']);
    expect(h.tcpState).toBe('CLOSED');
  });

  test('TcpEndpoint follows Karn: the ACK of a retransmitted segment gives no RTT sample, so the backed-off RTO stays', () => {
    const h = established({ rto: 200 });
    // The handshake sampled 100 ms: SRTT 100, RTTVAR 50, RTO = 100 + 4·50 = 300 (RFC 6298 §2.2).
    expect(h.ep.rto).toBe(300);
    h.ep.send(100, 10);
    h.advanceTo(400); // retransmission; RTO backs off to 600
    expect(h.ep.rto).toBe(600);
    h.now = 450;
    h.recv({ seq: IRS1, ack: ISS1 + 10, flags: ['ACK'] });
    expect(h.ep.rto).toBe(600);
    // A fresh segment, acknowledged after 100 ms, is sampled and collapses the RTO again.
    h.ep.send(450, 10);
    h.now = 550;
    h.recv({ seq: IRS1, ack: ISS1 + 20, flags: ['ACK'] });
    // RTTVAR = 3/4·50 + 1/4·|100 − 100| = 37.5; SRTT = 100; RTO = 100 + 150 = 250.
    expect(h.ep.rto).toBe(250);
  });

  test('TcpEndpoint rounds an RTO below 1 s up to 1 s (RFC 6298 §2.4)', () => {
    expect(established().ep.rto).toBe(1000);
  });

  test('TcpEndpoint with a delayed ACK waits for its timer after one segment and ACKs at once after the second', () => {
    const h = established({ delayedAck: 200 });
    h.recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], len: 1000 });
    expect(h.takeSent()).toEqual([]);
    h.advanceTo(300);
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 1000)]);
    h.recv({ seq: IRS1 + 1000, ack: ISS1, flags: ['ACK'], len: 1000 });
    expect(h.takeSent()).toEqual([]);
    h.recv({ seq: IRS1 + 2000, ack: ISS1, flags: ['ACK'], len: 1000 });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 3000)]);
    expect(h.ep.runningTimers()).toEqual([]);
  });

  test('TcpEndpoint in ESTABLISHED updates SND.WND only from segments newer than SND.WL1/SND.WL2', () => {
    const h = established();
    h.recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], window: 3000 });
    expect(h.ep.snapshot()?.sndWnd).toBe(3000);
    // An older segment (SEG.SEQ < SND.WL1) must not move the window back.
    h.recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], len: 10, window: 100 });
    h.recv({ seq: IRS1 - 5, ack: ISS1, flags: ['ACK'], len: 10, window: 50 });
    expect(h.ep.snapshot()?.sndWnd).toBe(100);
  });

  test('TcpEndpoint.close() in ESTABLISHED enters FIN-WAIT-1 and sends the FIN after the queued data', () => {
    const h = established();
    h.ep.send(100, 200);
    h.ep.close(100);
    expect(h.tcpState).toBe('FIN-WAIT-1');
    expect(h.takeSent()).toEqual([
      sendSeg({ seq: ISS1, ack: IRS1, flags: ['PSH', 'ACK'], len: 200 }),
      sendSeg({ seq: ISS1 + 200, ack: IRS1, flags: ['FIN', 'ACK'] }),
    ]);
  });

  test('TcpEndpoint.abort() in ESTABLISHED sends <SEQ=SND.NXT><CTL=RST> and deletes the TCB', () => {
    const h = established();
    h.ep.abort(100);
    expect(h.takeSent()).toEqual([sendSeg({ seq: ISS1, flags: ['RST'], window: 0 })]);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.errors).toEqual([]);
    expect(h.ep.snapshot()).toBeNull();
  });

  test('TcpEndpoint.abort() in ESTABLISHED with unsent data tells the application "connection reset"', () => {
    const h = established({ window: 10 });
    h.recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], window: 0 });
    h.ep.send(100, 50);
    h.ep.abort(100);
    expect(h.errors).toEqual(['reset']);
  });

  test('TcpEndpoint.connect() in ESTABLISHED reports "connection already exists"', () => {
    const h = established();
    h.ep.connect(100);
    expect(h.errors).toEqual(['already-exists']);
  });
});

describe('FIN-WAIT-1 (§3.10.7.4)', () => {
  test('TcpEndpoint in FIN-WAIT-1 enters FIN-WAIT-2 when its FIN is acknowledged', () => {
    const h = finWait1().recv({ seq: IRS1, ack: ISS1 + 1, flags: ['ACK'] });
    expect(h.tcpState).toBe('FIN-WAIT-2');
    expect(h.takeSent()).toEqual([]);
  });

  test('TcpEndpoint in FIN-WAIT-1 enters CLOSING on a FIN that does not acknowledge its own (simultaneous close)', () => {
    const h = finWait1().recv({ seq: IRS1, ack: ISS1, flags: ['FIN', 'ACK'] });
    expect(h.tcpState).toBe('CLOSING');
    expect(h.takeSent()).toEqual([ack(ISS1 + 1, IRS1 + 1)]);
  });

  test('TcpEndpoint in FIN-WAIT-1 goes to TIME-WAIT on a FIN that also acknowledges its FIN, via FIN-WAIT-2 as the steps order it', () => {
    const h = finWait1().recv({ seq: IRS1, ack: ISS1 + 1, flags: ['FIN', 'ACK'] });
    expect(h.transitions.map((t) => t.to)).toEqual(['FIN-WAIT-2', 'TIME-WAIT']);
    expect(h.takeSent()).toEqual([ack(ISS1 + 1, IRS1 + 1)]);
  });

  test('TcpEndpoint in FIN-WAIT-1 still delivers the peer\'s data (half-close)', () => {
    const h = finWait1().recv({ seq: IRS1, ack: ISS1, flags: ['ACK'], len: 300 });
    expect(h.delivered).toEqual([300]);
    expect(h.takeSent()).toEqual([ack(ISS1 + 1, IRS1 + 300)]);
  });

  test.each([
    // §3.10.2: SEND after CLOSE
    ['send', (h: Harness) => h.ep.send(100, 1)],
    // §3.10.4: a second CLOSE must not emit a second FIN
    ['close', (h: Harness) => h.ep.close(100)],
  ])('TcpEndpoint.%s() in FIN-WAIT-1 reports "connection closing" and sends nothing', (_name, call) => {
    const h = finWait1();
    call(h);
    expect(h.errors).toEqual(['closing']);
    expect(h.takeSent()).toEqual([]);
  });

  test('TcpEndpoint in FIN-WAIT-1 retransmits its FIN when the RTO expires', () => {
    const h = finWait1();
    h.advanceTo(100 + h.ep.rto);
    expect(h.sent).toEqual([{ segment: sendSeg({ seq: ISS1, ack: IRS1, flags: ['FIN', 'ACK'] }), retransmission: true }]);
  });
});

describe('FIN-WAIT-2 (§3.10.7.4)', () => {
  test('TcpEndpoint in FIN-WAIT-2 delivers the peer\'s data (half-close)', () => {
    const h = finWait2().recv({ seq: IRS1, ack: ISS1 + 1, flags: ['ACK'], len: 700 });
    expect(h.delivered).toEqual([700]);
    expect(h.takeSent()).toEqual([ack(ISS1 + 1, IRS1 + 700)]);
  });

  test('TcpEndpoint in FIN-WAIT-2 ACKs the peer\'s FIN, enters TIME-WAIT and starts the 2 MSL timer', () => {
    const h = finWait2();
    h.now = 500;
    h.recv({ seq: IRS1, ack: ISS1 + 1, flags: ['FIN', 'ACK'] });
    expect(h.tcpState).toBe('TIME-WAIT');
    expect(h.takeSent()).toEqual([ack(ISS1 + 1, IRS1 + 1)]);
    expect(h.ep.runningTimers()).toEqual([{ kind: 'time-wait', expiresAt: 500 + 2 * MSL }]);
  });

  test('TcpEndpoint in FIN-WAIT-2 reports "connection reset" on a RST at RCV.NXT', () => {
    const h = finWait2().recv({ seq: IRS1, flags: ['RST'] });
    expect(h.errors).toEqual(['reset']);
    expect(h.tcpState).toBe('CLOSED');
  });
});

describe('CLOSE-WAIT (§3.10.7.4)', () => {
  test('TcpEndpoint.send() in CLOSE-WAIT still sends (the peer only closed its direction)', () => {
    const h = closeWait();
    h.ep.send(100, 400);
    expect(h.takeSent()).toEqual([sendSeg({ seq: ISS1, ack: IRS1 + 1, flags: ['PSH', 'ACK'], len: 400 })]);
  });

  test('TcpEndpoint.close() in CLOSE-WAIT sends a FIN and enters LAST-ACK', () => {
    const h = closeWait();
    h.ep.close(100);
    expect(h.takeSent()).toEqual([sendSeg({ seq: ISS1, ack: IRS1 + 1, flags: ['FIN', 'ACK'] })]);
    expect(h.tcpState).toBe('LAST-ACK');
  });

  test('TcpEndpoint.close() in CLOSE-WAIT with data held back by the window sends the FIN only after the data', () => {
    const h = closeWait();
    h.recv({ seq: IRS1 + 1, ack: ISS1, flags: ['ACK'], window: 100 });
    h.ep.send(100, 150);
    h.ep.close(100);
    expect(h.tcpState).toBe('CLOSE-WAIT');
    expect(h.takeSent().map((s) => s.len)).toEqual([100]);
    h.ep.send(100, 1);
    expect(h.errors).toEqual(['closing']);
    h.recv({ seq: IRS1 + 1, ack: ISS1 + 100, flags: ['ACK'], window: 100 });
    expect(h.takeSent()).toEqual([
      sendSeg({ seq: ISS1 + 100, ack: IRS1 + 1, flags: ['PSH', 'ACK'], len: 50 }),
      sendSeg({ seq: ISS1 + 150, ack: IRS1 + 1, flags: ['FIN', 'ACK'] }),
    ]);
    expect(h.tcpState).toBe('LAST-ACK');
  });

  test('TcpEndpoint in CLOSE-WAIT answers a retransmitted FIN with an ACK', () => {
    const h = closeWait().recv({ seq: IRS1, ack: ISS1, flags: ['FIN', 'ACK'] });
    expect(h.takeSent()).toEqual([ack(ISS1, IRS1 + 1)]);
    expect(h.tcpState).toBe('CLOSE-WAIT');
  });

  test('TcpEndpoint in CLOSE-WAIT reports "connection reset" on a RST at RCV.NXT', () => {
    const h = closeWait().recv({ seq: IRS1 + 1, flags: ['RST'] });
    expect(h.errors).toEqual(['reset']);
    expect(h.tcpState).toBe('CLOSED');
  });
});

describe('CLOSING (§3.10.7.4)', () => {
  test('TcpEndpoint in CLOSING enters TIME-WAIT when its FIN is acknowledged', () => {
    const h = closing().recv({ seq: IRS1 + 1, ack: ISS1 + 1, flags: ['ACK'] });
    expect(h.tcpState).toBe('TIME-WAIT');
    expect(h.takeSent()).toEqual([]);
  });

  test('TcpEndpoint in CLOSING ignores an ACK that does not cover its FIN', () => {
    const h = closing().recv({ seq: IRS1 + 1, ack: ISS1, flags: ['ACK'] });
    expect(h.tcpState).toBe('CLOSING');
  });

  test('TcpEndpoint in CLOSING closes without telling the user on a RST at RCV.NXT', () => {
    const h = closing().recv({ seq: IRS1 + 1, flags: ['RST'] });
    expect(h.tcpState).toBe('CLOSED');
    expect(h.errors).toEqual([]);
  });

  test.each([
    // §3.10.2
    ['send', (h: Harness) => h.ep.send(100, 1)],
    // §3.10.4
    ['close', (h: Harness) => h.ep.close(100)],
  ])('TcpEndpoint.%s() in CLOSING reports "connection closing"', (_name, call) => {
    const h = closing();
    call(h);
    expect(h.errors).toEqual(['closing']);
  });
});

describe('LAST-ACK (§3.10.7.4)', () => {
  test('TcpEndpoint in LAST-ACK deletes the TCB when its FIN is acknowledged', () => {
    const h = lastAck().recv({ seq: IRS1 + 1, ack: ISS1 + 1, flags: ['ACK'] });
    expect(h.tcpState).toBe('CLOSED');
    expect(h.ep.snapshot()).toBeNull();
  });

  test('TcpEndpoint back in CLOSED after LAST-ACK answers a late segment with <SEQ=SEG.ACK><CTL=RST>', () => {
    const h = lastAck().recv({ seq: IRS1 + 1, ack: ISS1 + 1, flags: ['ACK'] }).clear();
    h.recv({ seq: IRS1, ack: ISS1 + 1, flags: ['FIN', 'ACK'] });
    expect(h.takeSent()).toEqual([sendSeg({ seq: ISS1 + 1, flags: ['RST'], window: 0 })]);
  });

  test('TcpEndpoint in LAST-ACK retransmits its FIN when the RTO expires', () => {
    const h = lastAck();
    h.advanceTo(100 + h.ep.rto);
    expect(h.sent).toEqual([{ segment: sendSeg({ seq: ISS1, ack: IRS1 + 1, flags: ['FIN', 'ACK'] }), retransmission: true }]);
  });

  test('TcpEndpoint.abort() in LAST-ACK deletes the TCB without sending a RST (§3.10.5)', () => {
    const h = lastAck();
    h.ep.abort(100);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
  });
});

describe('TIME-WAIT (§3.10.7.4, §3.10.8)', () => {
  test('TcpEndpoint in TIME-WAIT deletes the TCB when 2 × MSL have passed', () => {
    const h = timeWait();
    h.advanceTo(100 + 2 * MSL - 1);
    expect(h.tcpState).toBe('TIME-WAIT');
    h.advanceTo(100 + 2 * MSL);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.transitions).toEqual([{ from: 'TIME-WAIT', to: 'CLOSED', cause: 'Timeout=2MSL' }]);
  });

  test('TcpEndpoint in TIME-WAIT ACKs a retransmitted FIN and restarts the 2 MSL timer', () => {
    const h = timeWait();
    h.advanceTo(900);
    h.recv({ seq: IRS1, ack: ISS1 + 1, flags: ['FIN', 'ACK'] });
    expect(h.takeSent()).toEqual([ack(ISS1 + 1, IRS1 + 1)]);
    expect(h.ep.runningTimers()).toEqual([{ kind: 'time-wait', expiresAt: 900 + 2 * MSL }]);
  });

  test('TcpEndpoint in TIME-WAIT closes on a RST at RCV.NXT', () => {
    const h = timeWait().recv({ seq: IRS1 + 1, flags: ['RST'] });
    expect(h.tcpState).toBe('CLOSED');
  });

  test('TcpEndpoint in TIME-WAIT answers a new SYN with a challenge ACK (RFC 5961; RFC 6191 reuse is not modelled)', () => {
    const h = timeWait().recv({ seq: IRS1 + 100, flags: ['SYN'] });
    expect(h.takeSent()).toEqual([ack(ISS1 + 1, IRS1 + 1)]);
    expect(h.tcpState).toBe('TIME-WAIT');
  });

  test('TcpEndpoint.abort() in TIME-WAIT deletes the TCB at once', () => {
    const h = timeWait();
    h.ep.abort(200);
    expect(h.tcpState).toBe('CLOSED');
    expect(h.takeSent()).toEqual([]);
  });

  test('TcpEndpoint with the default MSL of 2 minutes stays in TIME-WAIT for 240 s (RFC 9293 §3.4.2)', () => {
    const h = timeWait({ msl: 120_000 });
    h.advanceTo(100 + 239_999);
    expect(h.tcpState).toBe('TIME-WAIT');
    h.advanceTo(100 + 240_000);
    expect(h.tcpState).toBe('CLOSED');
  });
});

describe('sequence numbers near 2^32', () => {
  test('TcpEndpoint wraps SND.NXT and RCV.NXT through 0 and keeps acknowledging correctly', () => {
    const nearTop = 2 ** 32 - 500;
    const h = synReceived({ isn: nearTop });
    const iss1 = seqAdd(nearTop, 1);
    h.recv({ seq: IRS1, ack: iss1, flags: ['ACK'] }).clear();
    h.ep.send(100, 2000);
    const segs = h.takeSent();
    expect(segs.map((s) => s.seq)).toEqual([iss1, seqAdd(iss1, 1000)]);
    expect(segs[1]?.seq).toBeLessThan(1000);
    h.recv({ seq: IRS1, ack: seqAdd(iss1, 2000), flags: ['ACK'] });
    expect(h.ep.snapshot()).toMatchObject({ sndUna: seqAdd(iss1, 2000), sndNxt: seqAdd(iss1, 2000) });
    expect(h.ep.runningTimers()).toEqual([]);
  });

  test('TcpEndpoint accepts in-order data whose sequence numbers wrap past 2^32', () => {
    const peerIss = 2 ** 32 - 10;
    const h = listening();
    h.recv({ seq: peerIss, flags: ['SYN'] });
    h.recv({ seq: seqAdd(peerIss, 1), ack: ISS1, flags: ['ACK'] }).clear();
    h.recv({ seq: seqAdd(peerIss, 1), ack: ISS1, flags: ['ACK'], len: 100 });
    expect(h.delivered).toEqual([100]);
    expect(h.takeSent()).toEqual([ack(ISS1, seqAdd(peerIss, 101))]);
    expect(seqAdd(peerIss, 101)).toBe(91);
  });
});

test('TcpEndpoint uses the configured ISN first and the 4 µs clock for later connections', () => {
  const h = closed();
  h.ep.connect(0);
  h.ep.abort(0);
  h.now = 1000;
  h.ep.connect(1000);
  // 1000 ms × 250 ticks/ms after the first ISS (RFC 9293 §3.4.1).
  expect(h.ep.snapshot()?.iss).toBe(LOCAL_ISS + 250_000);
});

test('TcpEndpoint never sends a segment larger than the smaller of its MSS and the peer\'s', () => {
  const h = listening({ mss: 1460, window: LOCAL_WINDOW });
  h.recv({ seq: REMOTE_ISS, flags: ['SYN'], options: { mss: 536 } });
  h.recv({ seq: IRS1, ack: ISS1, flags: ['ACK'] }).clear();
  h.ep.send(0, 2000);
  expect(h.takeSent().map((s) => s.len)).toEqual([536, 536, 536, 392]);
});
