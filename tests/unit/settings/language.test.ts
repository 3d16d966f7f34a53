import { describe, expect, it } from 'vitest';
import { resolveLanguage } from '../../../electron/agent/settings/language';

describe('resolveLanguage', () => {
  it("the user's own choice wins over everything", () => {
    expect(resolveLanguage('en', 'nl', ['nl-NL'])).toBe('en');
    expect(resolveLanguage('nl', 'en', ['en-US'])).toBe('nl');
  });
  it('an admin-set language comes before the OS language', () => {
    expect(resolveLanguage('system', 'en', ['nl-NL'])).toBe('en');
  });
  it('follows the first OS language we speak', () => {
    expect(resolveLanguage('system', undefined, ['en-GB', 'nl-NL'])).toBe('en');
    expect(resolveLanguage('system', 'system', ['de-DE', 'en_US'])).toBe('en');
    expect(resolveLanguage('system', undefined, ['nl-BE'])).toBe('nl');
  });
  it('falls back to Dutch when the OS speaks neither', () => {
    expect(resolveLanguage('system', undefined, ['fr-FR', 'de'])).toBe('nl');
    expect(resolveLanguage('system', undefined, [])).toBe('nl');
  });
});
