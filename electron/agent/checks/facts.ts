import type { ChecksFacts } from '../../contract';
import type { Findings } from './types';

/**
 * The upkeep the PC itself reports, for the maintenance timeline: the last successful time sync and
 * the newest antivirus scan. A round that could not read them (or a check turned off) keeps what
 * the last good round knew: a hung probe must not make hallo,'s upkeep disappear from the timeline.
 */
export function factsOf(findings: Findings, previous: ChecksFacts): ChecksFacts {
  const time = findings.time && 'value' in findings.time ? findings.time.value : null;
  const products = findings.antivirus && 'value' in findings.antivirus ? findings.antivirus.value.products : null;
  let lastScan: ChecksFacts['lastScan'] = null;
  for (const product of products ?? []) {
    if (product.lastScan && (!lastScan || Date.parse(product.lastScan.at) > Date.parse(lastScan.at))) lastScan = { ...product.lastScan, product: product.name };
  }
  return {
    lastTimeSyncAt: time?.lastSyncAt ?? previous.lastTimeSyncAt,
    // A round that found no scan date (Security Center alone says none) keeps the last one known.
    lastScan: lastScan ?? previous.lastScan,
  };
}
