/**
 * The Internet checksum (RFC 1071): the 16-bit ones' complement of the ones' complement sum of
 * 16-bit words. Used by the IPv4 header (RFC 791 §3.1), ICMP (RFC 792), TCP (RFC 9293 §3.1), UDP
 * (RFC 768) and ICMPv6 (RFC 4443 §2.3), the last three over a pseudo-header as well.
 */

/** Adds bytes [start, end) to a running 32-bit sum as big-endian 16-bit words; an odd tail byte is padded with zero. */
export function sumWords(bytes: Uint8Array, start: number, end: number, acc = 0): number {
  let sum = acc;
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  if (i < end) sum += (bytes[i] ?? 0) << 8;
  // Fold now and then so the sum never loses precision on very large inputs.
  return sum > 0xffffffff ? fold(sum) : sum;
}

/** Folds carries back into 16 bits (end-around carry, RFC 1071 §2 (1)). */
export function fold(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s % 0x10000) + Math.floor(s / 0x10000);
  return s;
}

/** The checksum to put in a header: ~fold(sum). */
export function finish(sum: number): number {
  return ~fold(sum) & 0xffff;
}

/**
 * Sum of the pseudo-header that TCP, UDP and ICMPv6 checksums cover. IPv4 (RFC 9293 §3.1 Figure 2):
 * source, destination, zero, protocol, upper-layer length (12 bytes). IPv6 (RFC 8200 §8.1): source,
 * destination, 32-bit upper-layer length, three zero bytes, next header (40 bytes).
 */
export function pseudoHeaderSum(
  bytes: Uint8Array,
  srcAt: number,
  dstAt: number,
  addrLen: 4 | 16,
  protocol: number,
  upperLength: number,
): number {
  let sum = sumWords(bytes, srcAt, srcAt + addrLen);
  sum = sumWords(bytes, dstAt, dstAt + addrLen, sum);
  // Both layouts add up to the same words: the length (split in two 16-bit halves) and the protocol.
  sum += Math.floor(upperLength / 0x10000) + (upperLength & 0xffff) + protocol;
  return sum;
}
