import { useEffect, useState } from 'react';
import { api, data, type SessionView } from '../../api/client';
import type { components as Intake } from '../../api/schema/dispute-intake';
import { durationParts } from '../../format/time';
import { useI18n, type MessageKey } from '../../i18n';
import {
  adviceFor,
  SELLER_STANDARDS,
  standing,
  type Advice,
  type MetricName,
  type Metrics as Rates,
  type Standard,
} from '../../metrics/standards';
import { BarChart } from '../../ui/BarChart';
import { Loading, ProblemNotice, Section } from '../../ui/bits';

type SellerMetrics = Intake['schemas']['SellerMetricsResponse'];
const WINDOWS = ['30d', '90d'] as const;
type Window = (typeof WINDOWS)[number];
const DAYS: Record<Window, number> = { '30d': 30, '90d': 90 };

/** The rates a chart shows together (each on its own scale: a share of shipped orders, a share of disputes). */
const OF_ORDERS: MetricName[] = ['disputeRate', 'closedWithoutSellerResolutionRate'];
const OF_DISPUTES: MetricName[] = ['escalationRate', 'sellerAtFaultRate', 'answeredWithinDeadlineShare'];

const rates = (metrics: SellerMetrics): Rates => ({
  closedWithoutSellerResolutionRate: metrics.closedWithoutSellerResolutionRate,
  answeredWithinDeadlineShare: metrics.answeredWithinDeadlineShare,
  sellerAtFaultRate: metrics.sellerAtFaultRate,
  escalationRate: metrics.escalationRate,
  disputeRate: metrics.disputeRate,
});

/** The seller's own metrics over 30 and 90 days against the standard, with charts and what to improve first. */
export default function Metrics({ session }: { session: SessionView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [metrics, setMetrics] = useState<Record<Window, SellerMetrics> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sellerId = session.sellerId ?? '';

  useEffect(() => {
    let current = true;
    Promise.all(
      WINDOWS.map((window) =>
        data<SellerMetrics>(
          api.intake.GET('/v1/sellers/{sellerId}/metrics', { params: { path: { sellerId }, query: { window } } }),
        ),
      ),
    ).then(
      ([days30, days90]) => {
        if (!current || !days30 || !days90) return;
        setMetrics({ '30d': days30, '90d': days90 });
        setError(null);
      },
      (problem: unknown) => current && setError(problem),
    );
    return () => {
      current = false;
    };
  }, [sellerId]);

  const percent = (value: number | null) => (value === null ? '—' : i18n.percent(value));
  const standardText = (standard: Standard) =>
    t(standard.direction === 'atMost' ? 'metrics.atMost' : 'metrics.atLeast', { limit: percent(standard.limit) }) +
    (standard.top !== undefined ? ` ${t('metrics.topSellers', { limit: percent(standard.top) })}` : '');
  const chart = (title: string, names: MetricName[], all: Record<Window, SellerMetrics>) => (
    <BarChart
      title={title}
      series={[t('metrics.window.30d'), t('metrics.window.90d'), t('metrics.standard')]}
      bars={SELLER_STANDARDS.filter((standard) => names.includes(standard.metric)).map((standard) => {
        const values = [all['30d'][standard.metric], all['90d'][standard.metric], standard.limit];
        return {
          label: t(`metrics.short.${standard.metric}`),
          values,
          texts: values.map(percent),
        };
      })}
    />
  );

  return (
    <div className="levels seller-metrics">
      <h1>{t('metrics.title')}</h1>
      <ProblemNotice error={error} />
      {metrics === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <AdviceSentence metrics={metrics} />
          <div className="figures">
            {WINDOWS.map((window) => (
              <div className="figure" key={window}>
                <p className="figure-label">{t(`metrics.window.${window}`)}</p>
                <p className="figure-value">
                  {t('metrics.counts', {
                    disputes: new Intl.NumberFormat(i18n.locale).format(metrics[window].disputes),
                    orders: new Intl.NumberFormat(i18n.locale).format(metrics[window].shippedOrders),
                  })}
                </p>
              </div>
            ))}
            {WINDOWS.map((window) => (
              <div className="figure" key={`incidents-${window}`}>
                <p className="figure-label">{t('metrics.incidents', { days: DAYS[window] })}</p>
                <p className="figure-value">
                  {t('metrics.incidentCounts', {
                    orders: new Intl.NumberFormat(i18n.locale).format(metrics[window].incidentOrders),
                    avoided: new Intl.NumberFormat(i18n.locale).format(metrics[window].disputesAvoidedByIncidents),
                  })}
                </p>
              </div>
            ))}
            {WINDOWS.map((window) => (
              <div className="figure" key={`response-${window}`}>
                <p className="figure-label">{t('metrics.firstResponse', { days: DAYS[window] })}</p>
                <p className="figure-value">
                  {metrics[window].medianFirstResponseSeconds === null
                    ? '—'
                    : i18n.duration(durationParts(metrics[window].medianFirstResponseSeconds * 1000))}
                </p>
              </div>
            ))}
          </div>
          <Section id="metrics-orders" title={t('metrics.ordersChart')}>
            {chart(t('metrics.ordersChart'), OF_ORDERS, metrics)}
          </Section>
          <Section id="metrics-disputes" title={t('metrics.disputesChart')}>
            {chart(t('metrics.disputesChart'), OF_DISPUTES, metrics)}
          </Section>
          <Section id="metrics-table" title={t('metrics.table')}>
            <table>
              <caption>
                {t('metrics.since', {
                  since: i18n.instant(metrics['90d'].from),
                  until: i18n.instant(metrics['90d'].to),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('case.metric')}</th>
                  <th scope="col" className="numeric">
                    {t('metrics.window.30d')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('metrics.window.90d')}
                  </th>
                  <th scope="col">{t('metrics.standard')}</th>
                  <th scope="col">{t('metrics.standing')}</th>
                </tr>
              </thead>
              <tbody>
                {SELLER_STANDARDS.map((standard) => {
                  const now = standing(standard, metrics['30d'][standard.metric]);
                  return (
                    <tr key={standard.metric}>
                      <th scope="row">{t(`metrics.metric.${standard.metric}`)}</th>
                      <td className="numeric">{percent(metrics['30d'][standard.metric])}</td>
                      <td className="numeric">{percent(metrics['90d'][standard.metric])}</td>
                      <td>{standardText(standard)}</td>
                      <td className={now === 'misses' ? 'misses' : now === 'unknown' ? 'muted' : 'meets'}>
                        {t(`metrics.standing.${now}`)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </div>
  );
}

/** One plain sentence on what to improve first (metrics/standards decides; this only says it). */
function AdviceSentence({ metrics }: { metrics: Record<Window, SellerMetrics> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { window, advice } = adviceFor({ '30d': rates(metrics['30d']), '90d': rates(metrics['90d']) });
  return (
    <section className="panel advice" aria-labelledby="advice-title">
      <h2 id="advice-title">{t('metrics.adviceTitle')}</h2>
      <p className="advice-sentence">{sentence(advice, t, i18n.percent)}</p>
      <p className="muted">{t('metrics.adviceWindow', { days: DAYS[window] })}</p>
    </section>
  );
}

function sentence(
  advice: Advice,
  t: (key: MessageKey, args?: Record<string, string | number>) => string,
  percent: (share: number) => string,
): string {
  switch (advice.kind) {
    case 'improve':
      return t(`metrics.advice.improve.${advice.metric}`, {
        value: percent(advice.value),
        limit: percent(advice.limit),
      });
    case 'watch':
      return t('metrics.advice.watch', {
        metric: t(`metrics.metric.${advice.metric}`),
        value: percent(advice.value),
        limit: percent(advice.limit),
      });
    case 'keep':
      return t('metrics.advice.keep');
    case 'noData':
      return t('metrics.advice.noData');
  }
}
