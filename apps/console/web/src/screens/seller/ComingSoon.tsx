import { useI18n } from '../../i18n';

/** Sellers sign in already; their workspace is the next part of the console. */
export default function ComingSoon() {
  const { t } = useI18n();
  return (
    <div className="coming-soon">
      <h1>{t('seller.title')}</h1>
      <p>{t('seller.body')}</p>
      <p className="muted">{t('seller.meanwhile')}</p>
    </div>
  );
}
