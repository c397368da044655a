import { reachTable, type BindAddress } from '../../core/reach/index.ts';
import { summarize } from './summary.ts';

/** The explorer's choices; every answer is derived from the core model, none is stored. */
export class ReachState {
  bind = $state<BindAddress>('127.0.0.1');
  v6only = $state(false);
  firewallDrop = $state(false);
  portForward = $state(false);

  rows = $derived(
    reachTable(this.bind, {
      v6only: this.v6only,
      hostFirewall: this.firewallDrop ? 'drop' : 'allow',
      portForward: this.portForward,
    }),
  );

  /** One sentence for screen readers: who can and who cannot connect. */
  summary = $derived(summarize(this.bind, this.rows));

  constructor(initialBind: BindAddress = '127.0.0.1') {
    this.bind = initialBind;
  }
}
