import type { AppInfo, AgentState, CapabilityName, SliceName } from '../contract';
import { connectionCapability } from './connection/capability';
import { healthCapability } from './health/capability';
import { sizeUnitsFor } from './platform/os';
import type { SecretStorage } from './ports';
import { settingsCapability } from './settings/capability';
import { statusCapability } from './status/capability';
import { supportCapability } from './support/capability';
import { ticketsCapability } from './tickets/capability';
import { updatesCapability } from './updates/capability';
import { remoteCapability } from './remote/capability';
import { checksCapability } from './checks/capability';
import { maintenanceCapability } from './maintenance/capability';
import { brandingCapability } from './branding/capability';
import { selfUpdateCapability } from './selfupdate/capability';
import { adminCapability } from './admin/capability';
import { reportCapability } from './report/capability';

/**
 * Every capability of the agent, in the order they start (and the reverse of the order they
 * stop): settings and support need nothing; health measures; status judges health and
 * connection; the connection needs the device and the heartbeat; tickets need the enrolment; updates
 * report to the API (a restart's outcome) and read the battery; remote support reads the tickets
 * (a request's ticket number) and the restart (no session during the final countdown); the checks
 * share the PowerShell with updates and start after them (the login's work first); maintenance
 * records what updates and checks observed; branding fetches the customer's logo once the policy
 * is known; self-update reads the remote session and the restart (never installing during
 * either); admin and report read everything and start nothing.
 * Adding a capability = its folder, one entry here, and its contract entries.
 */
export const CAPABILITY_LIST = [
  settingsCapability,
  supportCapability,
  healthCapability,
  statusCapability,
  connectionCapability,
  ticketsCapability,
  updatesCapability,
  remoteCapability,
  checksCapability,
  maintenanceCapability,
  brandingCapability,
  selfUpdateCapability,
  adminCapability,
  reportCapability,
] as const;

type Listed = (typeof CAPABILITY_LIST)[number];
// A capability named in the contract but missing here, or a slice nobody owns, fails to compile.
const everyCapabilityListed: [Exclude<CapabilityName, Listed['name']>] extends [never] ? true : never = true;
const everySliceOwned: [Exclude<SliceName, Listed['slices'][number] | 'app'>] extends [never] ? true : never = true;
void everyCapabilityListed;
void everySliceOwned;

/** What the UI shows before anything is known: each capability's starting slices. */
export function initialState(opts: { appVersion: string; platform: string; secretStorage?: SecretStorage | undefined }): AgentState {
  const app: AppInfo = { version: opts.appVersion, platform: opts.platform, sizeUnits: sizeUnitsFor(opts.platform), secretStorage: opts.secretStorage ?? 'file' };
  return Object.assign({ app }, ...CAPABILITY_LIST.map((definition) => definition.initial(app))) as AgentState;
}
