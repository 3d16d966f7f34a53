import type { AgentState } from '../../../../electron/contract';
import type { AdminActions } from './actions';

/** The agent's own version, channel, last check and a pending update (state.selfUpdate), with "Nu zoeken". SKELETON (issue 14). */
export function SelfUpdateCard(props: { state: AgentState; check: AdminActions['selfUpdate.check'] }) {
  void props;
  return null;
}
