/** A published lesson the explainer may link to from its notes. */
export interface LessonLink {
  slug: string;
  title: string;
}

export interface NetstatExplainerProps {
  /** URL of the compact IANA data (built by src/pages/data/ports.json.ts), for service names. */
  dataUrl: string;
  /** Lessons that exist; notes link only to these. */
  lessons: LessonLink[];
  /** Base path of lesson URLs, e.g. "/course/". */
  lessonBase: string;
  /** Id of a sample (samples.ts) to show on first render. Default: none, an empty paste box. */
  sample?: string;
  /** Heading level of the widget's title, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3;
}
