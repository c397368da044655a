/** Props of the FTP simulator widget (the FtpSimulator.astro wrapper passes them through). */
export interface FtpSimulatorProps {
  /**
   * Preset to start from, a name from src/core/ftp/presets: 'active', 'passive',
   * 'active-behind-nat', 'passive-behind-nat', 'active-with-alg', 'epsv', and the extra
   * 'eprt-ipv6', 'active-client-firewall', 'passive-server-firewall'. Default 'passive'.
   */
  preset?: string;
  /** Heading level of the widget's title, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3;
  /**
   * 'full' (the tool page) adds the delay and what to fetch to the mode and middlebox controls;
   * 'compact' (lessons) shows the preset, mode and middlebox only. Default 'compact'.
   */
  controls?: 'compact' | 'full';
}

/** The wrapper's defaults, shared by the wrapper and the widget. */
export const FTP_SIMULATOR_DEFAULTS = { preset: 'passive', headingLevel: 2, controls: 'compact' } as const;
