import { en } from './en';
import { interpolate, LOCALES, translate } from './index';
import { zhCN } from './zh-CN';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the catalogues', () => {
  it('have every key in both languages, and no key only in one', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('never leave a string empty (a separator may be a space)', () => {
    for (const catalogue of Object.values(LOCALES)) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect({ key, empty: text.length === 0 }).toEqual({ key, empty: false });
      }
    }
  });

  it('use the same placeholders in each language', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, placeholders: placeholders(zhCN[key]) }).toEqual({ key, placeholders: placeholders(en[key]) });
    }
  });

  it('keep Chinese strings in Chinese (no English sentence left untranslated)', () => {
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      (key) => /[a-z]{4,} [a-z]{4,}/i.test(zhCN[key]) && zhCN[key] === en[key],
    );
    expect(untranslated).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(interpolate('{count} cases, {count} left, {missing}', { count: 3 })).toBe('3 cases, 3 left, {missing}');
    expect(translate('zh-CN', 'countdown.overdue', { duration: '4 分钟' })).toBe('已逾期 4 分钟');
  });
});
