/** A published lesson the widget may link to. */
export interface LessonLink {
  slug: string;
  title: string;
}

export interface PortLookupProps {
  /** URL of the compact IANA data (built by src/pages/data/ports.json.ts). */
  dataUrl: string;
  /** Lessons that exist; links to unwritten lessons are left out. */
  lessons: LessonLink[];
  /** Base path of lesson URLs, e.g. "/course/". */
  lessonBase: string;
  /** Query shown on first render. Default: empty. */
  initialQuery?: string;
  /** Heading level of the widget's title, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3;
}
