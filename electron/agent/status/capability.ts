import { defineCapability } from '../capability';
import { deriveOverall, headlineOf } from './overall';

/**
 * The one word for the whole PC and the sentence behind it, from the health checks and the
 * connection: what the tray icon, its tooltip and the popup's headline show, decided once.
 */
export const statusCapability = defineCapability({
  name: 'status',
  slices: ['overall', 'headline'],
  initial: () => ({ overall: 'checking', headline: 'checking' }), // nothing measured, nothing heard
  create(_ctx, store) {
    let unsubscribe: (() => void) | null = null;
    function judge(): void {
      const { health, connection } = store.get();
      const overall = deriveOverall(health.items, connection.status);
      store.set('overall', overall);
      store.set('headline', headlineOf(overall, health.items, connection.status));
    }
    return {
      actions: {},
      start() {
        unsubscribe = store.subscribe((patch) => {
          if (patch.health || patch.connection) judge();
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
