import type { Language } from '../../../../electron/contract';
import type { AdminActions } from './actions';

/** The agent's log: the last lines, filtered by level (admin.readLog). SKELETON (issue 14). */
export function LogCard(props: { language: Language; readLog: AdminActions['admin.readLog'] }) {
  void props;
  return null;
}
