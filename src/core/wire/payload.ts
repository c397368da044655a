/**
 * What follows the transport header: application data with its length and the service usually on
 * the port, or TLS records (RFC 8446 §5.1; RFC 5246 §6.2) as a bridge to the TLS lesson, down to the
 * server name (SNI, RFC 6066 §3) of a ClientHello.
 */
import { asciiPreview, hex, readU16, fieldHex } from './bytes.ts';
import { addLayer, bytesField, pushField, undecoded, type Ctx } from './context.ts';
import { defaultServiceName } from './services.ts';
import type { DecodedField, DecodedLayer } from './types.ts';

export interface PayloadInfo {
  transport: 'tcp' | 'udp' | null;
  srcport: number;
  dstport: number;
  quoted: boolean;
  /** End of the data according to the IP length fields (past `end` when the capture cut it). */
  declaredEnd: number;
}

export function decodePayload(ctx: Ctx, start: number, end: number, info: PayloadInfo): void {
  if (start >= end) return;
  if (info.transport === 'tcp' && looksLikeTlsRecord(ctx.bytes, start, end)) {
    decodeTls(ctx, start, end, info);
    return;
  }
  const n = end - start;
  const layer = addLayer(ctx, 'data', `Payload (${n} bytes)`, start, info.quoted);
  layer.end = end;
  const id = info.transport === 'tcp' ? 'tcp.payload' : info.transport === 'udp' ? 'udp.payload' : 'data.data';
  const field = bytesField(id, 'Data', start, n, fieldHex(ctx.bytes, start, end), asciiPreview(ctx.bytes, start, end),
    'The application\'s bytes, carried unchanged; the transport header says nothing about what they mean.',
    info.transport === 'tcp' ? 'RFC 9293 §3.1' : info.transport === 'udp' ? 'RFC 768' : 'RFC 792');
  const notes: string[] = [`${n} bytes`];
  const missing = Math.max(0, info.declaredEnd - end);
  if (missing > 0) notes.push(`${missing} more bytes were not captured`);
  const svc = serviceNote(ctx, info);
  if (svc) notes.push(svc);
  field.note = notes.join('; ');
  pushField(layer, field);
}

/** "port 8080 is usually http-alt": the lower-numbered known port is taken as the server's. */
export function serviceNote(ctx: Ctx, info: PayloadInfo): string | undefined {
  if (!info.transport) return undefined;
  const lookup = ctx.options.serviceName ?? defaultServiceName;
  const ports = [info.dstport, info.srcport].filter((p, i, a) => a.indexOf(p) === i);
  for (const port of ports) {
    const name = lookup(port, info.transport);
    if (name) return `port ${port}/${info.transport} is usually ${name} (a convention, not a guarantee: RFC 7605 §5)`;
  }
  return undefined;
}

/** TLS record content types (RFC 8446 §5.1; RFC 6520 heartbeat). */
const CONTENT_TYPES: Readonly<Record<number, string>> = {
  20: 'ChangeCipherSpec',
  21: 'Alert',
  22: 'Handshake',
  23: 'Application data',
  24: 'Heartbeat',
};
const HANDSHAKE_TYPES: Readonly<Record<number, string>> = {
  1: 'ClientHello',
  2: 'ServerHello',
  4: 'NewSessionTicket',
  8: 'EncryptedExtensions',
  11: 'Certificate',
  12: 'ServerKeyExchange',
  13: 'CertificateRequest',
  14: 'ServerHelloDone',
  15: 'CertificateVerify',
  16: 'ClientKeyExchange',
  20: 'Finished',
};
/** ExtensionType values (IANA "TLS ExtensionType Values"). */
const EXTENSION_NAMES: Readonly<Record<number, string>> = {
  0: 'server_name',
  5: 'status_request',
  10: 'supported_groups',
  11: 'ec_point_formats',
  13: 'signature_algorithms',
  16: 'application_layer_protocol_negotiation',
  18: 'signed_certificate_timestamp',
  21: 'padding',
  22: 'encrypt_then_mac',
  23: 'extended_master_secret',
  27: 'compress_certificate',
  35: 'session_ticket',
  41: 'pre_shared_key',
  43: 'supported_versions',
  45: 'psk_key_exchange_modes',
  49: 'post_handshake_auth',
  51: 'key_share',
  65281: 'renegotiation_info',
};
const VERSIONS: Readonly<Record<number, string>> = {
  0x0300: 'SSL 3.0',
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
};
export const TLS_RECORD_HEADER = 5;
/** Largest record body: 2^14 plus 2048 bytes of expansion (RFC 5246 §6.2.3; RFC 8446 §5.2 allows 2^14 + 256). */
export const TLS_MAX_RECORD = 2 ** 14 + 2048;
const HANDSHAKE_HEADER = 4;
const RANDOM_BYTES = 32;
const SNI_HOST_NAME = 0;
const RFC_RECORD = 'RFC 8446 §5.1';
const RFC_HELLO = 'RFC 8446 §4.1.2';

const versionName = (v: number): string => `${hex(v, 4)} (${VERSIONS[v] ?? 'unknown'})`;

/** A few common cipher suites (IANA "TLS Cipher Suites"); the TLS 1.3 ones are from RFC 8446 §B.4. */
const SUITES: Readonly<Record<number, string>> = {
  0x1301: 'TLS_AES_128_GCM_SHA256',
  0x1302: 'TLS_AES_256_GCM_SHA384',
  0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
  0xc02b: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  0xc02c: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  0xcca9: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  0x00ff: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
};
const suiteName = (v: number): string => (SUITES[v] ? `${hex(v, 4)} (${SUITES[v]})` : hex(v, 4));

export function looksLikeTlsRecord(b: Uint8Array, p: number, end: number): boolean {
  if (end - p < TLS_RECORD_HEADER) return false;
  const type = b[p]!;
  return type >= 20 && type <= 24 && b[p + 1] === 3 && b[p + 2]! <= 4 && readU16(b, p + 3) <= TLS_MAX_RECORD;
}

function decodeTls(ctx: Ctx, start: number, end: number, info: PayloadInfo): void {
  const b = ctx.bytes;
  let p = start;
  while (p < end) {
    if (!looksLikeTlsRecord(b, p, end)) {
      undecoded(ctx, p, end, 'not a TLS record header: the rest of a record begun in an earlier segment, or other data');
      return;
    }
    const type = b[p]!;
    const len = readU16(b, p + 3);
    const layer = addLayer(ctx, 'tls', `TLS record: ${CONTENT_TYPES[type]}`, p, info.quoted);
    const f = (id: string, label: string, at: number, n: number, value: DecodedField['value'], display: string, explain: string, rfc = RFC_RECORD, extra: Partial<DecodedField> = {}) =>
      pushField(layer, bytesField(id, label, at, n, value, display, explain, rfc, extra));
    f('tls.record.content_type', 'Content type', p, 1, type, `${type} (${CONTENT_TYPES[type]})`,
      'What the record holds: 22 handshake, 23 application data (all encrypted records in TLS 1.3), 21 alert, 20 change cipher spec.', RFC_RECORD, { raw: type });
    const version = readU16(b, p + 1);
    f('tls.record.version', 'Version', p + 1, 2, version, versionName(version),
      'Legacy record version; TLS 1.3 still writes 0x0303 (or 0x0301 in a first ClientHello) and negotiates the real one elsewhere.', RFC_RECORD, { raw: version });
    f('tls.record.length', 'Length', p + 3, 2, len, `${len} bytes`, 'Length of the record body that follows.', RFC_RECORD, { raw: len });
    const bodyStart = p + TLS_RECORD_HEADER;
    const bodyEnd = bodyStart + len;
    if (bodyEnd > end) {
      layer.end = end;
      const missing = bodyEnd - end;
      if (!info.quoted) ctx.summary.tls.push(`TLS ${CONTENT_TYPES[type]} (continued in later segments)`);
      undecoded(ctx, bodyStart, end, `TLS record body continues beyond this segment (${end - bodyStart} of ${len} bytes here, ${missing} to come): reassembly needs the following TCP segments`);
      return;
    }
    layer.end = bodyEnd;
    if (type === 22) {
      const hs = decodeHandshakes(ctx, layer, bodyStart, bodyEnd, info.quoted);
      if (hs) layer.title = `TLS record: Handshake (${hs})`;
    } else if (len > 0) {
      if (type === 20 && len === 1) {
        f('tls.change_cipher_spec', 'Change cipher spec', bodyStart, 1, b[bodyStart]!, String(b[bodyStart]),
          'A single byte (1); TLS 1.3 keeps it only so middleboxes see a familiar-looking handshake.', RFC_RECORD, { raw: b[bodyStart]! });
      } else {
        const id = type === 23 ? 'tls.app_data' : type === 21 ? 'tls.alert_message' : 'tls.record.body';
        const explain = type === 23
          ? 'Encrypted data (or, in TLS 1.3, encrypted handshake messages): only the two endpoints hold the keys.'
          : 'Record contents.';
        f(id, 'Record body', bodyStart, len, fieldHex(b, bodyStart, bodyEnd), `${len} bytes`, explain);
      }
    }
    if (!info.quoted) ctx.summary.tls.push(layer.title.replace('TLS record: ', 'TLS '));
    p = bodyEnd;
  }
}

/** Decodes handshake messages in a record; returns the name of the first one. */
function decodeHandshakes(ctx: Ctx, layer: DecodedLayer, from: number, to: number, quoted: boolean): string | undefined {
  const b = ctx.bytes;
  let q = from;
  let first: string | undefined;
  while (q < to) {
    if (to - q < HANDSHAKE_HEADER) {
      undecoded(ctx, q, to, 'part of a handshake message header: continues in the next record');
      return first;
    }
    const type = b[q]!;
    const len = ((b[q + 1]! << 16) | (b[q + 2]! << 8) | b[q + 3]!) >>> 0;
    const name = HANDSHAKE_TYPES[type] ?? `type ${type}`;
    first ??= name;
    const group = name;
    pushField(layer, bytesField('tls.handshake.type', 'Handshake type', q, 1, type, `${type} (${name})`,
      'Which handshake message this is: 1 ClientHello opens the TLS handshake, 2 ServerHello answers it.', 'RFC 8446 §4', { group, raw: type }));
    pushField(layer, bytesField('tls.handshake.length', 'Handshake length', q + 1, 3, len, `${len} bytes`,
      'Length of the handshake message body.', 'RFC 8446 §4', { group, raw: len }));
    const body = q + HANDSHAKE_HEADER;
    if (body + len > to) {
      undecoded(ctx, body, to, `${name} continues in the next record (${to - body} of ${len} bytes here)`);
      return first;
    }
    if ((type === 1 || type === 2) && len > 0) decodeHello(ctx, layer, body, body + len, type === 1, group, quoted);
    else if (len > 0) {
      pushField(layer, bytesField('tls.handshake.data', 'Message body', body, len, fieldHex(b, body, body + len), `${len} bytes`,
        'Body of a handshake message PortLab does not take apart.', 'RFC 8446 §4', { group }));
    }
    q = body + len;
  }
  return first;
}

function decodeHello(ctx: Ctx, layer: DecodedLayer, from: number, to: number, client: boolean, group: string, quoted: boolean): void {
  const b = ctx.bytes;
  let p = from;
  const add = (id: string, label: string, n: number, value: DecodedField['value'], display: string, explain: string, g = group): boolean => {
    if (p + n > to) {
      undecoded(ctx, p, to, `${client ? 'ClientHello' : 'ServerHello'} field "${label}" runs past the end of the message`);
      p = to;
      return false;
    }
    const field = bytesField(id, label, p, n, value, display, explain, RFC_HELLO, { group: g });
    if (typeof value === 'number') field.raw = value;
    pushField(layer, field);
    p += n;
    return true;
  };
  const u8 = () => b[p] ?? 0;
  const u16 = () => readU16(b, p);
  const bytesAt = (n: number) => fieldHex(b, p, Math.min(p + n, to));

  if (!add('tls.handshake.version', 'Legacy version', 2, u16(), versionName(u16()),
    'Highest version in TLS 1.2 style; TLS 1.3 keeps 0x0303 here and lists real versions in supported_versions.')) return;
  if (!add('tls.handshake.random', 'Random', RANDOM_BYTES, bytesAt(RANDOM_BYTES), bytesAt(RANDOM_BYTES).slice(0, 16) + '…',
    '32 random bytes that make every handshake\'s keys unique.')) return;
  const sidLen = u8();
  if (!add('tls.handshake.session_id_length', 'Session ID length', 1, sidLen, String(sidLen), 'Length of the session ID that follows.')) return;
  if (sidLen > 0 && !add('tls.handshake.session_id', 'Session ID', sidLen, bytesAt(sidLen), bytesAt(sidLen).slice(0, 16) + '…',
    'Legacy session ID; TLS 1.3 clients send a random one for middlebox compatibility.')) return;
  if (client) {
    const csLen = u16();
    if (!add('tls.handshake.cipher_suites_length', 'Cipher suites length', 2, csLen, `${csLen} bytes (${Math.floor(csLen / 2)} suites)`,
      'Length of the list of cipher suites the client offers.')) return;
    const csEnd = Math.min(p + csLen, to);
    while (p + 2 <= csEnd) {
      const cs = u16();
      add('tls.handshake.ciphersuite', 'Cipher suite', 2, cs, suiteName(cs), 'One encryption algorithm set the client can use; the list is in order of preference.', `${group}: cipher suites`);
    }
    if (p < csEnd) {
      undecoded(ctx, p, csEnd, 'odd byte in the cipher suite list');
      p = csEnd;
    }
    const cmLen = u8();
    if (!add('tls.handshake.comp_methods_length', 'Compression methods length', 1, cmLen, String(cmLen), 'Length of the compression list.')) return;
    const cmEnd = Math.min(p + cmLen, to);
    while (p < cmEnd) {
      add('tls.handshake.comp_method', 'Compression method', 1, u8(), u8() === 0 ? '0 (null)' : String(u8()), 'Always just "null" (0) today: TLS compression was removed.');
    }
  } else {
    const cs = u16();
    if (!add('tls.handshake.ciphersuite', 'Cipher suite', 2, cs, suiteName(cs), 'The cipher suite the server picked from the client\'s list.')) return;
    if (!add('tls.handshake.comp_method', 'Compression method', 1, u8(), String(u8()), 'Always 0 (none).')) return;
  }
  if (p >= to) return;
  const extLen = u16();
  if (!add('tls.handshake.extensions_length', 'Extensions length', 2, extLen, `${extLen} bytes`, 'Length of all extensions together.')) return;
  const extEnd = Math.min(p + extLen, to);
  while (p < extEnd) {
    const type = u16();
    const name = EXTENSION_NAMES[type] ?? 'unknown';
    const g = `Extension: ${name}`;
    if (!add('tls.handshake.extension.type', 'Extension type', 2, type, `${type} (${name})`, 'Which extension this is.', g)) return;
    const len = u16();
    if (!add('tls.handshake.extension.len', 'Extension length', 2, len, `${len} bytes`, 'Length of the extension data.', g)) return;
    const dataEnd = p + len;
    if (dataEnd > extEnd) {
      undecoded(ctx, p, to, 'TLS extension runs past the end of the extensions');
      return;
    }
    if (type === SNI_HOST_NAME && client && len >= 2) {
      if (!add('tls.handshake.extensions_server_name_list_len', 'Server name list length', 2, u16(), `${u16()} bytes`, 'Length of the list of names.', g)) return;
      while (p + 3 <= dataEnd) {
        const nameType = u8();
        if (!add('tls.handshake.extensions_server_name_type', 'Server name type', 1, nameType, nameType === 0 ? '0 (host_name)' : String(nameType),
          'Kind of name: 0 is a DNS host name (the only kind defined).', g)) return;
        const nlen = u16();
        if (!add('tls.handshake.extensions_server_name_len', 'Server name length', 2, nlen, `${nlen} bytes`, 'Length of the name.', g)) return;
        if (p + nlen > dataEnd) {
          undecoded(ctx, p, dataEnd, 'server name runs past the end of the extension');
          p = dataEnd;
          break;
        }
        const host = asciiPreview(b, p, p + nlen, nlen);
        if (!quoted) ctx.summary.sni ??= host;
        if (!add('tls.handshake.extensions_server_name', 'Server name (SNI)', nlen, host, host,
          'The site the client wants. It travels unencrypted, so anyone on the path can read it (ECH aims to hide it).', g)) return;
      }
      if (p < dataEnd) {
        undecoded(ctx, p, dataEnd, 'leftover bytes in the server_name extension');
        p = dataEnd;
      }
    } else if (len > 0) {
      // Wireshark decodes most extensions further and keeps tls.handshake.extension.data for unknown ones, so this gets its own name.
      if (!add('tls.handshake.extension.body', 'Extension data', len, bytesAt(len), `${len} bytes`, 'Contents of an extension PortLab does not take apart.', g)) return;
    }
  }
  if (p < to) undecoded(ctx, p, to, 'bytes after the extensions');
}
