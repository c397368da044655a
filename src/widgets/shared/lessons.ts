/** A link to a lesson that exists, or nothing: widgets never link to unwritten lessons. */
export interface LessonLinkTarget {
  href: string;
  title: string;
}

/**
 * Resolves a lesson slug ("ports") or path ("/course/ports/") against the published lessons
 * (slug → title). Returns undefined for lessons that have no page yet.
 */
export function lessonLink(titles: ReadonlyMap<string, string>, lessonBase: string, slugOrPath: string | undefined): LessonLinkTarget | undefined {
  const slug = slugOrPath?.replace(/^\/course\//, '').replace(/\/$/, '');
  const title = slug ? titles.get(slug) : undefined;
  return slug && title ? { href: `${lessonBase}${slug}/`, title } : undefined;
}

/** What a paste into a text area would produce: the pasted text and the text around the selection. */
export function pastedParts(e: ClipboardEvent & { currentTarget: HTMLTextAreaElement }): { text: string; before: string; after: string } {
  const area = e.currentTarget;
  return {
    text: e.clipboardData?.getData('text/plain') ?? '',
    before: area.value.slice(0, area.selectionStart),
    after: area.value.slice(area.selectionEnd),
  };
}
