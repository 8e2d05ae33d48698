import { lazy, Suspense, useEffect, useMemo, type ComponentType } from 'react';
import type { SessionView } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { follow } from '../../router';
import { Loading } from '../../ui/bits';

const Disputes = lazy(() => import('./Disputes'));
const Dispute = lazy(() => import('./Dispute'));

/** The seller tools' screens (webhooks, listings, metrics), each its own lazy chunk once its file exists. */
const TOOL_FILES = import.meta.glob<{ default: ComponentType<{ session: SessionView }> }>([
  './Webhooks.tsx',
  './Listings.tsx',
  './Metrics.tsx',
]);

export const SELLER_SECTIONS = [
  { path: '/seller/disputes', label: 'seller.nav.disputes', file: null },
  { path: '/seller/webhooks', label: 'seller.nav.webhooks', file: './Webhooks.tsx' },
  { path: '/seller/listings', label: 'seller.nav.listings', file: './Listings.tsx' },
  { path: '/seller/metrics', label: 'seller.nav.metrics', file: './Metrics.tsx' },
] as const satisfies readonly { path: string; label: MessageKey; file: string | null }[];

function Placeholder() {
  const { t } = useI18n();
  return (
    <div className="coming-soon">
      <h1>{t('seller.soon.title')}</h1>
      <p>{t('seller.soon.body')}</p>
    </div>
  );
}

const tools = new Map<string, ComponentType<{ session: SessionView }>>();
function tool(file: string): ComponentType<{ session: SessionView }> {
  let component = tools.get(file);
  if (!component) {
    const load = TOOL_FILES[file];
    component = load ? lazy(load) : Placeholder;
    tools.set(file, component);
  }
  return component;
}

/** The seller's workspace: its own navigation and screens, all under /seller/ (the services scope every answer). */
export default function SellerShell({ path, session }: { path: string; session: SessionView }) {
  const { t } = useI18n();
  const section = SELLER_SECTIONS.find((item) => path === item.path || path.startsWith(`${item.path}/`));
  const disputeId = path.startsWith('/seller/disputes/')
    ? decodeURIComponent(path.slice('/seller/disputes/'.length))
    : null;
  const Screen = useMemo(() => (section?.file ? tool(section.file) : null), [section]);

  useEffect(() => {
    const name = disputeId ? t('sellerDispute.title') : t(section?.label ?? 'seller.nav.disputes');
    document.title = `${name} · ${t('app.name')}`;
  }, [disputeId, section, t]);

  return (
    <div className="seller">
      <nav className="tabs seller-nav" aria-label={t('seller.nav.label')}>
        {SELLER_SECTIONS.map((item) => (
          <a
            key={item.path}
            href={item.path}
            onClick={follow}
            aria-current={item === (section ?? SELLER_SECTIONS[0]) ? 'page' : undefined}
          >
            {t(item.label)}
          </a>
        ))}
      </nav>
      <Suspense fallback={<Loading />}>
        {Screen ? <Screen session={session} /> : disputeId ? <Dispute key={disputeId} id={disputeId} /> : <Disputes />}
      </Suspense>
    </div>
  );
}
