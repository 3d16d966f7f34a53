import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Glyph } from './Icons';

interface Props {
  refreshing: boolean;
  onRefresh: () => void;
  onAdmin: () => void;
  adminOpen: boolean;
  adminRef: Ref<HTMLButtonElement>;
}

export function Footer({ refreshing, onRefresh, onAdmin, adminOpen, adminRef }: Props) {
  const { t } = useTranslation();
  return (
    <footer className="footer">
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
