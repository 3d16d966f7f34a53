export { createI18n, hasText } from '../../electron/contract/i18n';
