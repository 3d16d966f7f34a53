import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

/** Shown while the PC cannot talk to hallo, until an admin enrols it (again, after a 401). */
export function EnrolBanner({
  status,
  onAdmin,
  buttonRef,
}: {
  status: 'reenroll' | 'not-enrolled';
  onAdmin: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  const { t } = useTranslation();
  return (
    <div className="banner" role="alert">
      <p>{t(`banner.${status}`)}</p>
      <button type="button" className="button" onClick={onAdmin} ref={buttonRef}>
        {t('banner.openAdmin')}
      </button>
    </div>
  );
}
