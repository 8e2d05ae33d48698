import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { signedOut, signOut, whoAmI, type SessionView } from './api/client';
import { isLocale, LOCALES, useI18n, type Locale } from './i18n';
import { follow, navigate, useLocation } from './router';
import { SignIn } from './screens/SignIn';
import { Loading, ProblemNotice } from './ui/bits';

const Queue = lazy(() => import('./screens/staff/Queue'));
const Case = lazy(() => import('./screens/staff/Case'));
const ServiceLevels = lazy(() => import('./screens/staff/ServiceLevels'));
const SellerShell = lazy(() => import('./screens/seller/SellerShell'));

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export function App() {
  const { t, locale, setLocale } = useI18n();
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const location = useLocation();

  useEffect(() => {
    whoAmI().then(setSession, (failure: unknown) => {
      setError(failure);
      setSession(null);
    });
    const ended = () => setSession(null);
    signedOut.addEventListener('signed-out', ended);
    return () => signedOut.removeEventListener('signed-out', ended);
  }, []);

  useEffect(() => {
    if (!session || localStorage.getItem('settle.console.language')) return;
    // Sellers work in Chinese first (English is one click away in the header); others as their browser prefers.
    const preferred = session.role === 'seller' ? 'zh-CN' : session.locale;
    if (isLocale(preferred)) setLocale(preferred);
  }, [session, setLocale]);

  const leave = useCallback(async () => {
    try {
      await signOut();
    } finally {
      setSession(null);
      navigate('/', { replace: true });
    }
  }, []);

  const staff = session?.role === 'staff' || session?.role === 'lead';
  const path = location.path;
  let screen;
  if (session === undefined) screen = <Loading />;
  else if (session === null) screen = <SignIn onSignedIn={setSession} />;
  else if (!staff) screen = <SellerShell path={path} session={session} />;
  else if (path.startsWith('/cases/'))
    screen = <Case id={decodeURIComponent(path.slice('/cases/'.length))} session={session} />;
  else if (path === '/service-levels') screen = <ServiceLevels />;
  else screen = <Queue session={session} />;

  useEffect(() => {
    if (session && !staff && !path.startsWith('/seller/')) navigate('/seller/disputes', { replace: true });
  }, [session, staff, path]);

  useEffect(() => {
    if (session && !staff) return; // the seller shell names its own screens
    const titles: Record<string, string> = { '/service-levels': t('nav.serviceLevels') };
    const name =
      session === null
        ? t('signIn.title')
        : path.startsWith('/cases/')
          ? t('case.title')
          : (titles[path] ?? t('nav.queue'));
    document.title = `${name} · ${t('app.name')}`;
  }, [path, session, t]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <a className="brand" href="/" onClick={follow}>
          {t('app.name')}
        </a>
        {staff ? (
          <nav aria-label={t('nav.label')}>
            <a href="/" onClick={follow} aria-current={path === '/' || path === '/queue' ? 'page' : undefined}>
              {t('nav.queue')}
            </a>
            <a href="/service-levels" onClick={follow} aria-current={path === '/service-levels' ? 'page' : undefined}>
              {t('nav.serviceLevels')}
            </a>
          </nav>
        ) : null}
        <div className="header-end">
          <label className="language">
            <span>{t('app.language')}</span>
            <select value={locale} onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}>
              {(Object.keys(LOCALES) as Locale[]).map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
          {session ? (
            <>
              <span className="who">
                {t(`role.${session.role}`)}
                {session.staffId ? ` · ${session.staffId}` : session.sellerId ? ` · ${session.sellerId}` : ''}
              </span>
              <button type="button" className="button-quiet" onClick={() => void leave()}>
                {t('app.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ProblemNotice error={error} />
        <Suspense fallback={<Loading />}>{screen}</Suspense>
      </main>
    </>
  );
}
