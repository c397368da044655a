/**
 * Lesson pages the explanations link to. Exported so the site can check at build time that
 * every target exists (a renamed lesson must not leave dead links in the explainer).
 */

/** The TCP state machine lesson: what each state means and what comes next. */
export const TCP_STATES_LESSON = '/course/tcp-states/';
/** The "Reading netstat and ss" lesson: columns, notation, finding the program behind a port. */
export const READING_NETSTAT_LESSON = '/course/reading-netstat-and-ss/';

/** Every link target used by explainTable. */
export const SOCKET_LESSON_LINKS: readonly string[] = [TCP_STATES_LESSON, READING_NETSTAT_LESSON];
