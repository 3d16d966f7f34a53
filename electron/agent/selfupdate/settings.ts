import type { SelfUpdateChannel } from '../../contract';
import type { ManagedConfig } from '../config/managed-config';
import type { Policy } from '../hallo-api/types';

/** How often the feed is read when the policy does not say (AgentUpdatePolicy.checkHours). */
export const DEFAULT_CHECK_HOURS = 6;

export interface SelfUpdateSettings {
  feedUrl: string | null;
  feedSource: 'config' | 'policy' | null;
  channel: SelfUpdateChannel;
  stagingPercentage: number;
  checkHours: number;
}

/**
 * Where and how this agent looks for itself: the managed configuration's `updateFeedUrl` wins (a
 * site's own mirror, set by its installer), else the policy's `agentUpdates.feedUrl`, else none
 * (self-update disabled). Channel, staging and timing come from the policy only.
 */
export function selfUpdateSettings(config: ManagedConfig, policy: Policy): SelfUpdateSettings {
  const agentUpdates = policy.agentUpdates;
  const feed: Pick<SelfUpdateSettings, 'feedUrl' | 'feedSource'> = config.updateFeedUrl
    ? { feedUrl: config.updateFeedUrl, feedSource: 'config' }
    : agentUpdates?.feedUrl
      ? { feedUrl: agentUpdates.feedUrl, feedSource: 'policy' }
      : { feedUrl: null, feedSource: null };
  return {
    ...feed,
    channel: agentUpdates?.channel ?? 'stable',
    stagingPercentage: agentUpdates?.stagingPercentage ?? 100,
    checkHours: agentUpdates?.checkHours ?? DEFAULT_CHECK_HOURS,
  };
}
