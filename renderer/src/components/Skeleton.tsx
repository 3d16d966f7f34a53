import { useTranslation } from 'react-i18next';

/** Until the first snapshot arrives: the shape of what is coming, and one line for screen readers. */
export function Skeleton({ failed }: { failed: boolean }) {
  const { t } = useTranslation();
  if (failed) {
    return (
      <div role="alert">
        <h1 className="failed">{t('loading.failed')}</h1>
      </div>
    );
  }
  return (
    <div className="skeleton" aria-busy="true">
      <div role="status">
        <h1 className="visually-hidden">{t('loading.text')}</h1>
      </div>
      <div className="skeleton-headline" aria-hidden="true" />
      {[0, 1, 2].map((row) => (
        <div key={row} className="skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}
