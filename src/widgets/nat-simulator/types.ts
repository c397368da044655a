import type { NatPresetName } from '../../core/nat/index.ts';

/** Props of the NAT simulator widget (and of its wrapper, src/components/NatSimulator.astro). */
export interface NatSimulatorProps {
  /** The preset to start from. Default 'outbound'. */
  preset?: NatPresetName;
  /** Heading level of the widget's title, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3;
  /**
   * 'full' shows the scenario controls open (the tool page); 'compact' folds them into a
   * "Change the scenario" disclosure so a lesson stays calm. Default 'compact'.
   */
  controls?: 'compact' | 'full';
}
