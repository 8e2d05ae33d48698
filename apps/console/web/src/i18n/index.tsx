import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatMoney, type Money } from '../format/money';
import { countdown, utcTitle, type Countdown } from '../format/time';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export const LOCALES = { en: en, 'zh-CN': zhCN } as const;
export type Locale = keyof typeof LOCALES;
export type { MessageKey };

/** Something to say later in whatever language is chosen then (status lines keep keys, not text). */
export type Said = { key: MessageKey; args?: Record<string, string | number> } | null;

/** Only the language is remembered in the browser's storage (never a key or anything about the session). */
const STORAGE_KEY = 'settle.console.language';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(LOCALES, value);
}

/** "{count} cases" with `{ count: 3 }`: placeholders in braces. */
export function interpolate(template: string, args: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, args?: Record<string, string | number>): string {
  return interpolate(LOCALES[locale][key], args);
}

/** A code from a service (`ASKED_FOR_MORE_MONEY`) in words when the catalogue has it, else as sent. */
export function codeKey(prefix: string, code: string): MessageKey | undefined {
  const key = `${prefix}.${code}`;
  return Object.prototype.hasOwnProperty.call(en, key) ? (key as MessageKey) : undefined;
}

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, args?: Record<string, string | number>) => string;
  /** A service's code in words (`reason.NOT_RECEIVED`), or the code itself when the catalogue has none. */
  code: (prefix: string, code: string | null | undefined) => string;
  money: (money: Money) => string;
  instant: (iso: string) => string;
  day: (isoDay: string) => string;
  countdownText: (value: Countdown) => string;
  duration: (parts: Countdown['parts']) => string;
  percent: (share: number) => string;
  utcTitle: (iso: string) => string;
}

const Context = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage disabled: fall back to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; still switched
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = locale;
    const t = (key: MessageKey, args?: Record<string, string | number>) => translate(locale, key, args);
    const instantFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'full' });
    const duration = (parts: Countdown['parts']) =>
      parts.map((part) => t(`unit.${part.unit}`, { n: part.value })).join(t('unit.separator'));
    return {
      locale,
      setLocale,
      t,
      code: (prefix, code) => {
        if (!code) return '—';
        const key = codeKey(prefix, code);
        return key ? t(key) : code;
      },
      money: (money) => formatMoney(money, locale),
      instant: (iso) => instantFormat.format(new Date(iso)),
      day: (isoDay) => dayFormat.format(new Date(`${isoDay}T12:00:00`)),
      countdownText: (value) =>
        t(value.overdue ? 'countdown.overdue' : 'countdown.dueIn', { duration: duration(value.parts) }),
      duration,
      percent: (share) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share),
      utcTitle,
    };
  }, [locale, setLocale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export { countdown };
