import { checklistOf } from '../../contract/checklist';
import { defineCapability } from '../capability';
import { deriveOverall, headlineOf } from './overall';

/**
 * The one word for the whole PC and the sentence behind it, from the checklist (health, the
 * protection checks, updates and the restart) and the connection: what the tray icon, its tooltip and the popup's headline show, decided once.
 */
export const statusCapability = defineCapability({
  name: 'status',
  slices: ['overall', 'headline'],
  initial: () => ({ overall: 'checking', headline: 'checking' }), // nothing measured, nothing heard
  create(_ctx, store) {
    let unsubscribe: (() => void) | null = null;
    function judge(): void {
      const state = store.get();
      const items = checklistOf(state);
      const overall = deriveOverall(items, state.connection.status);
      store.set('overall', overall);
      store.set('headline', headlineOf(overall, items, state.connection.status));
    }
    return {
      actions: {},
      start() {
        unsubscribe = store.subscribe((patch) => {
          if (patch.health || patch.checks || patch.updates || patch.connection) judge();
        });
        judge();
      },
      stop() {
        unsubscribe?.();
        unsubscribe = null;
      },
    };
  },
});
