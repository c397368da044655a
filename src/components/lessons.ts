import { getCollection } from 'astro:content';
import { COURSE } from '../course.ts';

/** Lessons of the outline that have a page, in course order. */
export async function publishedLessons() {
  const ids = new Set((await getCollection('docs')).map((e) => e.id));
  return COURSE.filter((l) => ids.has(`course/${l.slug}`));
}
