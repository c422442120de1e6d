export { I18n } from './i18n.ts';
export { LANGUAGES, type Language, type MessageKey, type Messages } from './messages.ts';
