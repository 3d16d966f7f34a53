import { describe, expect, it } from 'vitest';
import type { StatusItem } from '../../../electron/contract';
import { createI18n, hasText } from '../../../renderer/src/i18n';
import { itemMessage } from '../../../renderer/src/messages';
import { localizeParams } from '../../../renderer/src/format';

/** What the popup shows for an item: the same lookups the checks list does. */
function show(item: StatusItem, language: 'nl' | 'en') {
  const i18n = createI18n(language);
  const message = itemMessage(item, (key) => hasText(i18n, key));
  const params = localizeParams(message.params, language);
  return { text: i18n.t(message.text, params), advice: i18n.t(message.advice, params) };
}

const disk: StatusItem = {
  id: 'disk-space:C:',
  check: 'disk-space',
  severity: 'problem',
  code: 'health.disk-space.critical',
  params: { mount: 'C:', freeGb: 4.2, freePercent: 3, sizeGb: 256 },
};

describe('status item texts', () => {
  it('reads a disk that is almost full in plain Dutch, numbers the Dutch way', () => {
    expect(show(disk, 'nl')).toEqual({
      text: 'Schijf C: is bijna vol: nog 4,2 GB vrij (3\u00a0%).',
      advice: 'Ruim nu bestanden op of bel de servicedesk.',
    });
  });

  it('reads the same item in English', () => {
    expect(show(disk, 'en').text).toBe('Drive C: is almost full: 4.2 GB free (3%).');
  });

  it('says why a check could not be done', () => {
    const item: StatusItem = { id: 'smart:0', check: 'smart', severity: 'unknown', code: 'health.unknown', params: { reason: 'timeout' } };
    expect(show(item, 'nl')).toEqual({
      text: 'De conditie van de schijf kon niet worden gecontroleerd: dat duurde te lang.',
      advice: 'We proberen het zo opnieuw. Je hoeft niets te doen.',
    });
    const odd = { ...item, params: { reason: 'gremlins' } };
    expect(show(odd, 'en').text).toBe('The drive’s condition could not be checked: something went wrong.');
  });

  it('shows a generic line, never a raw key or a catalog section, for codes it does not know', () => {
    for (const code of ['health.disk-space.exploded', 'tray', 'health.disk-space', 'headline.ok']) {
      const shown = show({ ...disk, severity: 'attention', code }, 'nl');
      expect(shown.text).toBe('Er is een melding over: disk-space.');
    }
  });

  it('switches language when the agent resolves another one', async () => {
    const i18n = createI18n('nl');
    expect(i18n.t('headline.offline')).toBe('hallo, is nu niet bereikbaar. We proberen het steeds opnieuw.');
    await i18n.changeLanguage('en');
    expect(i18n.t('headline.offline')).toBe('hallo, cannot be reached right now. We keep trying.');
    expect(i18n.t('duration.days', { count: 1 })).toBe('1 day');
    expect(i18n.t('duration.days', { count: 3 })).toBe('3 days');
  });
});
