/** Messages between the decoder and its Web Worker, which reads big pastes and capture files off the main thread. */
import type { HexFormat, LinkName, ServiceTable, WireIssue } from '../../core/wire/index.ts';

export type ReadRequest =
  | { id: number; type: 'paste'; text: string }
  | { id: number; type: 'file'; bytes: Uint8Array }
  /** Load the IANA service names (this site's ports.json) in the worker, keeping the ports module out of the island. */
  | { id: number; type: 'ports'; url: string };

/** A packet of a capture, located in the file (the widget keeps the file, so only numbers cross over). */
export interface FilePacket {
  /** Offset of the packet's bytes in the file. */
  at: number;
  caplen: number;
  origLen: number;
  link: LinkName | 'auto';
  /** Seconds since the epoch, as tshark's frame.time_epoch. */
  time: string;
}

export type ReadResponse =
  | { id: number; type: 'paste'; format: HexFormat; packets: Uint8Array[]; issues: WireIssue[] }
  | { id: number; type: 'file'; format: string; packets: FilePacket[]; issues: WireIssue[] }
  | { id: number; type: 'ports'; table: ServiceTable }
  | { id: number; type: 'ports-error'; message: string }
  | { id: number; type: 'error'; message: string };
