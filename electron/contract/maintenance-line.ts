import type { MaintenanceEntry } from './maintenance-state';
import type { Language } from './when';
import type { SizeUnits } from './sizes';
import { sizeText } from './numbers';

// "Onderhoud" in words: the popup's timeline and the health report say each entry the same way.

type Translate = (key: string, params?: Record<string, unknown>) => string;

const numberParam = (entry: MaintenanceEntry, name: string) => (typeof entry.params[name] === 'number' ? (entry.params[name] as number) : null);
const textParam = (entry: MaintenanceEntry, name: string) => (typeof entry.params[name] === 'string' && entry.params[name] !== '' ? (entry.params[name] as string) : null);

/**
 * One entry of "Onderhoud" in words (`maintenance.kind.<kind>`). Its params come from hallo, as
 * well as from this PC: a kind whose figures are missing or of the wrong type is said without
 * them (`<kind>-some`) rather than with a hole in the sentence.
 */
export function maintenanceLine(entry: MaintenanceEntry, units: SizeUnits, language: Language, t: Translate): string {
  switch (entry.kind) {
    case 'updates-installed': {
      const count = numberParam(entry, 'count');
      if (count === null) return t('maintenance.kind.updates-installed-some');
      const failed = numberParam(entry, 'failed') ?? 0;
      const line = t('maintenance.kind.updates-installed', { count });
      return failed > 0 ? `${line}, ${t('maintenance.failed', { count: failed })}` : line;
    }
    case 'temp-files-removed': {
      const freed = numberParam(entry, 'freedBytes');
      if (freed === null) return t('maintenance.kind.temp-files-removed-some');
      const size = sizeText(freed, units, language);
      return t('maintenance.kind.temp-files-removed', { size: t(size.key, size.params) });
    }
    case 'antivirus-scan': {
      const product = textParam(entry, 'product');
      const scan = textParam(entry, 'scan');
      if (product === null || (scan !== 'quick' && scan !== 'full')) return t('maintenance.kind.antivirus-scan-some');
      return t('maintenance.kind.antivirus-scan', { product, scan: t(`maintenance.scan.${scan}`) });
    }
    default:
      return t(`maintenance.kind.${entry.kind}`);
  }
}
