import { useTranslation } from 'react-i18next';

/** Shown while the PC cannot talk to hallo, until an admin enrols it (again). */
export function EnrolBanner({ onAdmin }: { onAdmin: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="banner" role="alert">
      <p>{t('banner.reenroll')}</p>
      <button type="button" className="button" onClick={onAdmin}>
        {t('banner.openAdmin')}
      </button>
    </div>
  );
}
