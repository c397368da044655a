import type { BindAddress } from '../../core/reach/index.ts';

export interface ReachExplorerProps {
  /** Bind address selected on first render. Default '127.0.0.1'. */
  initialBind?: BindAddress;
  /** Heading level of the widget's title, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3;
}
