import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { BrandLink, Language } from '../../../electron/contract';
import { Glyph } from './Icons';

interface Props {
  refreshing: boolean;
  onRefresh: () => void;
  onAdmin: () => void;
  adminOpen: boolean;
  adminRef: Ref<HTMLButtonElement>;
  /** The customer's own links (state.branding.links): those for the popup are shown here. */
  links: readonly BrandLink[];
  language: Language;
  /** `links.open` by the link's id: the page never hands a URL to the shell. */
  onLink: (id: string) => void;
}

export function Footer({ refreshing, onRefresh, onAdmin, adminOpen, adminRef, links, language, onLink }: Props) {
  const { t } = useTranslation();
  const shown = links.filter((link) => link.where !== 'tray');
  return (
    <footer className="footer">
      {shown.length > 0 && (
        <nav className="brand-links" aria-label={t('branding.links')}>
          <ul>
            {shown.map((link) => (
              <li key={link.id}>
                <button type="button" className="link-button" onClick={() => onLink(link.id)}>
                  {link.label[language]}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <button type="button" className="button subtle" onClick={onRefresh} disabled={refreshing}>
        <Glyph name="refresh" />
        {refreshing ? t('footer.refreshing') : t('footer.refresh')}
      </button>
      {!adminOpen && (
        <button type="button" className="button subtle" onClick={onAdmin} ref={adminRef}>
          <Glyph name="admin" />
          {t('footer.admin')}
        </button>
      )}
    </footer>
  );
}
