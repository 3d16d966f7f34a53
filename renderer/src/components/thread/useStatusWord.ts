import { useTranslation } from 'react-i18next';
import { hasText } from '../../i18n';

/** A ticket's status in plain words ("Wacht op jouw reactie"); one the catalog does not know, as the API sent it. */
export function useStatusWord(): (status: string) => string {
  const { t, i18n } = useTranslation();
  return (status) => (hasText(i18n, `myTickets.status.${status}`) ? t(`myTickets.status.${status}`) : status);
}
