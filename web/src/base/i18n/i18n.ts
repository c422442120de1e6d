import { en } from './en.ts';
import { vi } from './vi.ts';
import { LANGUAGES, type Language, type MessageArgs, type MessageKey, type Messages } from './messages.ts';

const DICTIONARIES: Record<Language, Messages> = { vi, en };
const STORAGE_KEY = 'ecabinet.lang';
/** Display times in Vietnam time whatever the device's zone: meetings span one country. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

type Listener = (language: Language) => void;

/**
 * The UI language: Vietnamese unless the user chose otherwise (kept in localStorage).
 * Owns `<html lang>` so screen readers and hyphenation follow the switch.
 */
export class I18n {
  #language: Language;
  readonly #listeners = new Set<Listener>();
  readonly #storage: Storage | null;

  constructor(storage: Storage | null) {
    this.#storage = storage;
    this.#language = readStoredLanguage(storage) ?? 'vi';
    document.documentElement.lang = this.#language;
  }

  get language(): Language {
    return this.#language;
  }

  /** BCP 47 tag for Intl formatters. */
  get locale(): string {
    return this.#language === 'vi' ? 'vi-VN' : 'en-GB';
  }

  t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
    const message = DICTIONARIES[this.#language][key];
    const params = args[0] as Record<string, string | number> | undefined;
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  }

  setLanguage(language: Language): void {
    if (language === this.#language) return;
    this.#language = language;
    document.documentElement.lang = language;
    try {
      this.#storage?.setItem(STORAGE_KEY, language);
    } catch {
      // Private mode or a full quota: the switch still works for this visit.
    }
    for (const listener of this.#listeners) listener(language);
  }

  /** The language the switch offers: the one that is not current. */
  get otherLanguage(): Language {
    return this.#language === 'vi' ? 'en' : 'vi';
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** "Thứ Ba, 01/12/2026 · 08:30" — the day-first date Vietnamese documents use, 24-hour time. */
  formatDateTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const day = new Intl.DateTimeFormat(this.locale, {
      weekday: 'long',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: TIME_ZONE,
    }).format(date);
    const time = new Intl.DateTimeFormat(this.locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    }).format(date);
    return `${day} · ${time}`;
  }
}

function readStoredLanguage(storage: Storage | null): Language | null {
  try {
    const stored = storage?.getItem(STORAGE_KEY);
    return LANGUAGES.find((language) => language === stored) ?? null;
  } catch {
    return null;
  }
}
