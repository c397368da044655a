/**
 * Severity in words and a symbol, so it never rests on colour alone. Covers the explainer's note
 * severities (info, warning, alert) and the parser's issue severities (info, warning, error).
 * The symbols use text presentation (U+FE0E) so they take the text colour, not emoji colours.
 */
import type { IssueSeverity, NoteSeverity } from '../../core/index.ts';

export const SEVERITY: Readonly<Record<NoteSeverity | IssueSeverity, { icon: string; word: string }>> = {
  alert: { icon: '‼\uFE0E', word: 'Alert' },
  warning: { icon: '⚠\uFE0E', word: 'Warning' },
  info: { icon: 'ℹ\uFE0E', word: 'Note' },
  error: { icon: '✖\uFE0E', word: 'Not understood' },
};
