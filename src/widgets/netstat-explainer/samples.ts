/**
 * Sample outputs to try, one per dialect, taken from the parser's fixtures (real captures or
 * outputs assembled from public sources; where each came from is in
 * src/core/sockets/fixtures/README.md). Lessons preload one with `<NetstatExplainer sample="…" />`.
 */
import type { DetectedFormat } from '../../core/index.ts';
import lsofI from '../../core/sockets/fixtures/debian-12/lsof-i.txt?raw';
import netstatTulpn from '../../core/sockets/fixtures/debian-12/netstat-tulpn.txt?raw';
import ssTan from '../../core/sockets/fixtures/debian-12/ss-tan.txt?raw';
import ssTulpn from '../../core/sockets/fixtures/debian-12/ss-tulpn.txt?raw';
import freebsdNetstatAn from '../../core/sockets/fixtures/freebsd-12/netstat-an.txt?raw';
import macosNetstat from '../../core/sockets/fixtures/macos-10.14/netstat.txt?raw';
import mixed from '../../core/sockets/fixtures/mixed/prompts-crlf-tabs.txt?raw';
import windowsDe from '../../core/sockets/fixtures/windows-10-de/netstat-ano.txt?raw';
import windowsAnob from '../../core/sockets/fixtures/windows-10-en/netstat-anob.txt?raw';
import windowsAno from '../../core/sockets/fixtures/windows-10-en/netstat-ano.txt?raw';
import powershellTcp from '../../core/sockets/fixtures/windows-powershell/get-nettcpconnection.txt?raw';

export interface Sample {
  /** Stable id, used by lessons (`sample="linux-ss-tulpn"`). */
  id: string;
  /** What the picker shows. */
  label: string;
  /** The command that printed it. */
  command: string;
  /** Where the text comes from, in a few words. */
  origin: string;
  /** The format the parser detects in it (checked by samples.test.ts). */
  format: DetectedFormat;
  text: string;
}

export const SAMPLES = [
  { id: 'linux-ss-tulpn', label: 'Linux: ss -tulpn (listeners)', command: 'ss -tulpn', origin: 'captured on Debian 12', format: 'ss', text: ssTulpn },
  { id: 'linux-netstat-tulpn', label: 'Linux: netstat -tulpn (listeners)', command: 'netstat -tulpn', origin: 'captured on Debian 12', format: 'linux-netstat', text: netstatTulpn },
  { id: 'linux-ss-tan', label: 'Linux: ss -tan (TIME-WAIT, CLOSE-WAIT)', command: 'ss -tan', origin: 'captured on Debian 12', format: 'ss', text: ssTan },
  { id: 'windows-netstat-ano', label: 'Windows: netstat -ano (English)', command: 'netstat -ano', origin: 'Windows 10 layout, assembled', format: 'windows-netstat', text: windowsAno },
  { id: 'windows-netstat-ano-de', label: 'Windows: netstat -ano (German)', command: 'netstat -ano', origin: 'German Windows 10 layout, assembled', format: 'windows-netstat', text: windowsDe },
  { id: 'windows-netstat-anob', label: 'Windows: netstat -anob (with programs)', command: 'netstat -anob', origin: 'Windows 10 layout, assembled', format: 'windows-netstat', text: windowsAnob },
  { id: 'macos-netstat-an', label: 'macOS: netstat (tcp4, tcp46, host.port)', command: 'netstat', origin: 'macOS 10.14 output from jc’s test data (run without -n, so names show)', format: 'bsd-netstat', text: macosNetstat },
  { id: 'freebsd-netstat-an', label: 'FreeBSD: netstat -an', command: 'netstat -an', origin: 'FreeBSD 12 output from jc’s test data', format: 'bsd-netstat', text: freebsdNetstatAn },
  { id: 'lsof-i', label: 'Linux: lsof -i', command: 'lsof -i', origin: 'captured on Debian 12', format: 'lsof', text: lsofI },
  { id: 'powershell-get-nettcpconnection', label: 'PowerShell: Get-NetTCPConnection', command: 'Get-NetTCPConnection', origin: 'Windows layout, assembled', format: 'powershell', text: powershellTcp },
  { id: 'mixed', label: 'Mixed paste (prompts, CRLF, tabs, a cut line)', command: 'ss -tulpn; netstat -tan | head', origin: 'captured lines, assembled', format: 'mixed', text: mixed },
] as const satisfies readonly Sample[];

/** Every sample id, for the Astro wrapper's prop type. */
export type SampleId = (typeof SAMPLES)[number]['id'];

/** The sample with this id, if there is one. */
export function findSample(id: string | undefined): Sample | undefined {
  return SAMPLES.find((s) => s.id === id);
}
