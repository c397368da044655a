/** A published lesson the decoder may link to from a field. */
export interface LessonLink {
  slug: string;
  title: string;
}

/**
 * Sample names accepted by the `sample` prop: the lesson-friendly names, each mapped to the id the
 * core gives the packet in `samplePackets()`. The core's own ids are accepted as well.
 */
export const SAMPLE_ALIASES = {
  'syn-with-options': 'syn',
  'syn-ack': 'syn-ack',
  'ipv6-tcp': 'ipv6-tcp',
  'udp-dns-query': 'dns-query',
  'truncated-frame': 'truncated',
  'tls-client-hello': 'tls-client-hello',
} as const;

export type SampleName = keyof typeof SAMPLE_ALIASES;

export interface HeaderDecoderProps {
  /** URL of the compact IANA data (built by src/pages/data/ports.json.ts), for service names. */
  dataUrl: string;
  /** Lessons that exist; fields link only to these. */
  lessons: LessonLink[];
  /** Base path of lesson URLs, e.g. "/course/". */
  lessonBase: string;
  /** A sample to show first (a key of SAMPLE_ALIASES or a core sample id). Default: the SYN with options. */
  sample?: string;
  /**
   * Comma-separated Wireshark field ids or id prefixes to pre-select and emphasise
   * ("tcp.flags", "tcp.srcport,tcp.dstport", "ip"). Default: nothing emphasised.
   */
  highlight?: string;
  /** Heading level of the widget's title, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3;
  /** Lesson embeds: the paste box and file picker sit behind a disclosure. Default false. */
  compact?: boolean;
}
