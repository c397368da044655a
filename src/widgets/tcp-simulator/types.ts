/** Props of the TCP simulator widget. */
export interface TcpSimulatorProps {
  /** Name of the core preset to start from (see PRESETS). Unknown names fall back to 'handshake' with a notice. Default 'handshake'. */
  preset?: string;
  /** Heading level of the widget's title, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3;
  /**
   * 'full' shows host actions and faults open (the tool page); 'compact' folds them into a
   * "Change the scenario" disclosure so a lesson stays calm. Default 'compact'.
   */
  controls?: 'full' | 'compact';
  /** Base URL of the presenter pages, e.g. "/present/"; the Present link goes to `${presentBase}${preset}/#…`. */
  presentBase: string;
}

/** Props of the presenter view. */
export interface PresenterProps {
  /** Preset shown when the URL names none. */
  preset: string;
  /** Base URL of the presenter pages, for switching presets with the number keys. */
  presentBase: string;
  /** Where "Exit" goes (the tool page). */
  exitHref: string;
}
