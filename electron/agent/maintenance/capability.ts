import type { MaintenanceState } from '../../contract';
import { defineCapability } from '../capability';

export const INITIAL_MAINTENANCE: MaintenanceState = { entries: [], fetchedAt: null, stale: false };

/**
 * "Onderhoud" (issue 13, being built): the upkeep done on this PC in the last 30 days, from the
 * agent's own observations (updates installed, temporary files removed, time synchronised,
 * antivirus scans) and from hallo, (GET /maintenance, cached for offline). Skeleton.
 */
export const maintenanceCapability = defineCapability({
  name: 'maintenance',
  slices: ['maintenance'],
  initial: () => ({ maintenance: INITIAL_MAINTENANCE }),
  create() {
    return { actions: { 'maintenance.refresh': () => undefined } };
  },
});
