import { DISPUTE_REASONS } from '@settle/contracts';
import { lintMessage } from '../tone/tone-lint';
import { fillTemplate, replyTemplates, templateLocaleOf, TEMPLATE_LOCALES } from './reply-templates';

describe('reply templates', () => {
  it('exist for every reason in every locale', () => {
    const templates = replyTemplates();
    expect(templates).toHaveLength(DISPUTE_REASONS.length * TEMPLATE_LOCALES.length);
    for (const template of templates) {
      expect(template.steps).toHaveLength(6);
      expect(template.body).toContain('{{orderId}}');
      expect(template.body).toContain('{{refundAmount}}');
    }
  });

  it.each(replyTemplates().map((template) => [`${template.reason}/${template.locale}`, template] as const))(
    '%s lints clean, as shipped and filled',
    (_name, template) => {
      expect(lintMessage(template.body).findings).toEqual([]);
      const filled = fillTemplate(template, {
        orderId: 'ORD-1001',
        refund: { amountMinor: 1999, currency: 'USD' },
        carrier: 'China Post',
        trackingNumber: 'LX123456789CN',
      });
      expect(filled.unfilled).toEqual([]);
      expect(filled.body).toContain('19.99 USD');
      expect(lintMessage(filled.body).findings).toEqual([]);
    },
  );

  it('fills what the dispute knows and lists the rest', () => {
    const [template] = replyTemplates({ reason: 'NOT_RECEIVED', locale: 'fr' });
    if (!template) throw new Error('no NOT_RECEIVED template in French');
    const filled = fillTemplate(template, { orderId: 'O-7', refund: { amountMinor: 1500, currency: 'JPY' } });
    expect(filled.body).toContain('O-7');
    expect(filled.body).toContain('1500 JPY');
    expect(filled.unfilled).toEqual(['carrier', 'trackingNumber']);
  });

  it('maps a buyer locale tag to a template locale, English by default', () => {
    expect(templateLocaleOf('pt-BR')).toBe('pt');
    expect(templateLocaleOf('RU')).toBe('ru');
    expect(templateLocaleOf('de-DE')).toBe('en');
    expect(templateLocaleOf(undefined)).toBe('en');
  });
});
