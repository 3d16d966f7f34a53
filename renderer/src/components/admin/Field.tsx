import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One line of an admin card's fields (`<dl className="fields">`): a dash when there is nothing to show. */
export function Field({ label, value }: { label: string; value: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === '' ? t('admin.none') : value}</dd>
    </div>
  );
}
