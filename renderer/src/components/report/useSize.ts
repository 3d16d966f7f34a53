import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../electron/contract';
import { formatNumber } from '../../format';
import { sizeWords } from '../../report';

/** Bytes in words: "312 kB", "1,4 MB". */
export function useSize(language: Language): (bytes: number) => string {
  const { t } = useTranslation();
  return (bytes) => {
    const size = sizeWords(bytes);
    return t(size.key, { value: formatNumber(size.value, language, size.digits) });
  };
}
