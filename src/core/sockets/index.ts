/** Socket tables (issue #6): parse netstat / ss / lsof / PowerShell output and explain it. */
export type * from './types.ts';
export { parseSocketTable, resolverFromPorts, MAX_LINE_LENGTH, ISSUE_TEXT_MAX, MAX_PREAMBLE_LINES, MAX_OWNER_LINES, type ParseOptions } from './parse.ts';
export {
  explainTable,
  exposureOf,
  SENSITIVE_PORTS,
  TIME_WAIT_MANY,
  TIME_WAIT_ALERT_SHARE,
  CLOSE_WAIT_MANY,
  SYN_RECEIVED_MANY,
  BUSIEST_REMOTES,
  LINUX_TIME_WAIT_SECONDS,
  type ExplainNote,
  type ExplainOptions,
  type Exposure,
  type Finding,
  type FindingKind,
  type NoteSeverity,
  type RowExplanation,
  type TableExplanation,
  type TableSummary,
} from './explain.ts';
export { lookupStateWord, knownStateWords, stateKey, type StateWord } from './states.ts';
// LINUX_EPHEMERAL and friends are exported by the ports module, where they are defined.
export { ephemeralRangeFor, type PortSpan } from './ephemeral.ts';
export { TCP_STATES_LESSON, READING_NETSTAT_LESSON, SOCKET_LESSON_LINKS } from './links.ts';
export type { ServiceResolver } from './address.ts';
export {
  SOCKET_FORMATS,
  FORMAT_INFO,
  formatLabel,
  EXPOSURE_ORDER,
  EXPOSURE_INFO,
  STATE_ORDER,
  summaryStateOf,
  stateFamilyOf,
  formatEndpoint,
  ownerLabel,
  DEFAULT_SORT,
  NO_FILTER,
  rowMatches,
  expandIpv6,
  endpointSortKey,
  sortValue,
  viewIndices,
  splitLines,
  type SummaryState,
  type FormatInfo,
  type ExposureInfo,
  type SortKey,
  type SortDirection,
  type RowSort,
  type RowFilter,
} from './view.ts';
export { markdownCell, csvField, tableToMarkdown, tableToCsv, CSV_COLUMNS, EXPORT_LINES_SHOWN, type ExportContext } from './export.ts';
