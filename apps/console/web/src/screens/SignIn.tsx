import { useState, type FormEvent } from 'react';
import { ApiProblem, signIn, type SessionView } from '../api/client';
import { useI18n } from '../i18n';
import { ProblemNotice } from '../ui/bits';

/** Paste the key once: the console keeps it server-side and sets an HttpOnly cookie; the page forgets it. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: SessionView) => void }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!key.trim()) {
      setError(new Error(t('signIn.keyRequired')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(key.trim());
      setKey('');
      onSignedIn(session);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const platformRefused = error instanceof ApiProblem && error.status === 403;
  return (
    <div className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="api-key">{t('signIn.keyLabel')}</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-describedby="api-key-help"
          required
        />
        <p id="api-key-help" className="muted">
          {t('signIn.keyHelp')}
        </p>
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
      {platformRefused ? (
        <div role="alert" className="notice notice-error">
          <p className="notice-headline">{t('signIn.platformRefused')}</p>
        </div>
      ) : error instanceof ApiProblem && error.status === 401 ? (
        <div role="alert" className="notice notice-error">
          <p className="notice-headline">{t('signIn.unknownKey')}</p>
        </div>
      ) : (
        <ProblemNotice error={error} />
      )}
    </div>
  );
}
