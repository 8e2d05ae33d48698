import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import { useI18n, type Said } from '../../i18n';
import { follow, navigate, useLocation } from '../../router';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Instant, Loading, ProblemNotice, Section } from '../../ui/bits';
import {
  checkEndpointForm,
  toggleEventType,
  WEBHOOK_EVENT_TYPES,
  type CreatedEndpoint,
  type DeliveryView,
  type EndpointFormProblem,
  type EndpointView,
  type RotatedSecret,
  type WebhookEventType,
} from './webhooks';

/** A secret as the service shows it: once, right after the endpoint is made or its secret rotated. */
interface ShownSecret {
  url: string;
  secret: string;
  previousSecretExpiresAt?: string;
}

const HREF = '/seller/webhooks';
const logHref = (endpointId: string) => `${HREF}?endpoint=${encodeURIComponent(endpointId)}`;

/**
 * The seller's webhook endpoints: add one (its secret shown once), rotate the secret, disable, enable or delete
 * it; the delivery log of the endpoint chosen in the URL (`?endpoint=`) with replay. The service scopes all of it
 * to the signed-in seller; its refusals are explained by ProblemNotice.
 */
export default function Webhooks() {
  const i18n = useI18n();
  const { t } = i18n;
  const location = useLocation();
  const chosenId = location.query.get('endpoint');
  const [endpoints, setEndpoints] = useState<EndpointView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState<Said>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [deleting, setDeleting] = useState<EndpointView | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const page = await data<{ items: EndpointView[] }>(api.negotiation.GET('/v1/webhook-endpoints'));
      setEndpoints(page.items);
      setLoadError(null);
    } catch (failure) {
      setLoadError(failure);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load]);

  /** Runs one action; its refusal is shown in plain words and nothing else changes. */
  const act = async (call: () => Promise<void>, done: Said) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaid(null);
    try {
      await call();
      setSaid(done);
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const created = (endpoint: CreatedEndpoint) => {
    setShown({ url: endpoint.url, secret: endpoint.secret });
    setSaid({ key: 'webhooks.added' });
    void load();
  };

  const rotate = (endpoint: EndpointView) =>
    act(
      async () => {
        const rotated = await data<RotatedSecret>(
          api.negotiation.POST('/v1/webhook-endpoints/{id}/rotate-secret', { params: { path: { id: endpoint.id } } }),
        );
        setShown({
          url: endpoint.url,
          secret: rotated.secret,
          previousSecretExpiresAt: rotated.previousSecretExpiresAt,
        });
      },
      { key: 'webhooks.rotated' },
    );

  const setActive = (endpoint: EndpointView, active: boolean) =>
    act(
      async () => {
        const path = { params: { path: { id: endpoint.id } } };
        await (active
          ? api.negotiation.POST('/v1/webhook-endpoints/{id}/enable', path)
          : api.negotiation.POST('/v1/webhook-endpoints/{id}/disable', path));
      },
      { key: active ? 'webhooks.enabled' : 'webhooks.disabled' },
    );

  const remove = (endpoint: EndpointView) =>
    act(
      async () => {
        await api.negotiation.DELETE('/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } } });
        if (chosenId === endpoint.id) navigate(HREF, { replace: true });
      },
      { key: 'webhooks.deleted', args: { url: endpoint.url } },
    );

  const chosen = endpoints?.find((endpoint) => endpoint.id === chosenId) ?? null;

  return (
    <div className="webhooks">
      <div className="screen-title">
        <h1>{t('webhooks.title')}</h1>
      </div>
      <p className="muted">{t('webhooks.intro')}</p>
      <p role="status" className="status-line">
        {said ? t(said.key, said.args) : ''}
      </p>
      <ProblemNotice error={error} />
      {shown ? (
        <SecretOnce
          shown={shown}
          onDone={() => {
            setShown(null);
            listHeading.current?.focus();
          }}
        />
      ) : null}
      <AddEndpoint onCreated={created} />
      <section className="panel" aria-labelledby="endpoints-title">
        <header className="panel-header">
          <h2 id="endpoints-title" ref={listHeading} tabIndex={-1}>
            {t('webhooks.endpoints')}
          </h2>
        </header>
        <ProblemNotice error={loadError} />
        {endpoints === null ? (
          loadError ? null : (
            <Loading />
          )
        ) : endpoints.length === 0 ? (
          <p className="empty">{t('webhooks.none')}</p>
        ) : (
          <table className="seller-table endpoints-table">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.col.url')}</th>
                <th scope="col">{t('webhooks.col.events')}</th>
                <th scope="col">{t('webhooks.col.status')}</th>
                <th scope="col">{t('webhooks.col.created')}</th>
                <th scope="col">{t('webhooks.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id} aria-current={endpoint.id === chosenId ? 'true' : undefined}>
                  <th scope="row" className="endpoint-url">
                    <code>{endpoint.url}</code>
                  </th>
                  <td>
                    {endpoint.eventTypes
                      .map((type) => i18n.code('webhookEvent', type))
                      .join(t('webhooks.listSeparator'))}
                  </td>
                  <td>
                    <EndpointStatus endpoint={endpoint} />
                  </td>
                  <td>
                    <Instant iso={endpoint.createdAt} />
                  </td>
                  <td>
                    <div className="button-row compact">
                      <a
                        href={logHref(endpoint.id)}
                        onClick={follow}
                        aria-label={t('webhooks.logOf', { url: endpoint.url })}
                      >
                        {t('webhooks.log')}
                      </a>
                      <button type="button" disabled={busy} onClick={() => void rotate(endpoint)}>
                        {t('webhooks.rotate')}
                      </button>
                      {endpoint.status === 'ACTIVE' ? (
                        <button type="button" disabled={busy} onClick={() => void setActive(endpoint, false)}>
                          {t('webhooks.disable')}
                        </button>
                      ) : (
                        <button type="button" disabled={busy} onClick={() => void setActive(endpoint, true)}>
                          {t('webhooks.enable')}
                        </button>
                      )}
                      <button type="button" className="danger" disabled={busy} onClick={() => setDeleting(endpoint)}>
                        {t('webhooks.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {chosen ? <DeliveryLog key={chosen.id} endpoint={chosen} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('webhooks.deleteTitle')}
        body={t('webhooks.deleteBody', { url: deleting?.url ?? '' })}
        confirm={t('webhooks.deleteConfirm')}
        cancel={t('webhooks.deleteCancel')}
        onConfirm={() => {
          if (deleting) void remove(deleting);
        }}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}

function EndpointStatus({ endpoint }: { endpoint: EndpointView }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <span className={`endpoint-status status-${endpoint.status.toLowerCase()}`}>
        {i18n.code('endpointStatus', endpoint.status)}
      </span>
      {endpoint.disabledReason ? (
        <>
          <br />
          <span className="muted">{i18n.code('disabledReason', endpoint.disabledReason)}</span>
        </>
      ) : null}
      {endpoint.failingSince ? (
        <>
          <br />
          <span className="muted">
            {t('webhooks.failingSince')} <Instant iso={endpoint.failingSince} />
          </span>
        </>
      ) : null}
    </>
  );
}

/** The add-endpoint form: URL and the event types, chosen from the contract's list. */
function AddEndpoint({ onCreated }: { onCreated: (endpoint: CreatedEndpoint) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>(['dispute.opened', 'deadline.reminder', 'message.posted']);
  const [problem, setProblem] = useState<EndpointFormProblem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkEndpointForm({ url, eventTypes: types });
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      const endpoint = await data<CreatedEndpoint>(
        api.negotiation.POST('/v1/webhook-endpoints', { body: checked.body }),
      );
      setUrl('');
      onCreated(endpoint);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="add-endpoint" title={t('webhooks.add')}>
      <form className="endpoint-form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          <span>{t('webhooks.url')}</span>
          <input
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={url}
            aria-invalid={problem === 'url' ? true : undefined}
            aria-describedby="endpoint-url-help"
            onChange={(event) => setUrl(event.target.value)}
          />
          <span id="endpoint-url-help" className="muted">
            {t('webhooks.urlHelp')}
          </span>
        </label>
        <fieldset aria-invalid={problem === 'eventTypes' ? true : undefined}>
          <legend>{t('webhooks.eventTypes')}</legend>
          <div className="event-types">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="checkbox">
                <input
                  type="checkbox"
                  value={type}
                  checked={types.includes(type)}
                  onChange={(event) => setTypes(toggleEventType(types, type, event.target.checked))}
                />{' '}
                {i18n.code('webhookEvent', type)} <code className="muted">{type}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <p className="field-error" role="alert">
          {problem ? t(`webhooks.form.${problem}`) : ''}
        </p>
        <ProblemNotice error={error} />
        <div className="button-row">
          <button type="submit" disabled={busy}>
            {t('webhooks.addSubmit')}
          </button>
        </div>
      </form>
    </Section>
  );
}

/** The secret, this once: a warning, the value to select, a copy button, and "saved" to put it away. */
function SecretOnce({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<Said>(null);
  useEffect(() => heading.current?.focus(), [shown]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied({ key: 'webhooks.copied' });
    } catch {
      setCopied({ key: 'webhooks.copyFailed' });
    }
  };

  return (
    <section className="panel secret-once" aria-labelledby="secret-title">
      <h2 id="secret-title" ref={heading} tabIndex={-1}>
        {t('webhooks.secretTitle')}
      </h2>
      <p id="secret-warning" className="notice notice-warning">
        {t('webhooks.secretWarning')}
      </p>
      <label className="field">
        <span>{t('webhooks.secretFor', { url: shown.url })}</span>
        <input
          className="secret-value"
          readOnly
          value={shown.secret}
          spellCheck={false}
          aria-describedby="secret-warning"
          onFocus={(event) => event.target.select()}
        />
      </label>
      {shown.previousSecretExpiresAt ? (
        <p>
          {t('webhooks.previousSecret')} <Instant iso={shown.previousSecretExpiresAt} />
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={() => void copy()}>
          {t('webhooks.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('webhooks.saved')}
        </button>
        <span role="status" className="status-line">
          {copied ? t(copied.key) : ''}
        </span>
      </div>
    </section>
  );
}

/** One endpoint's deliveries, newest first, refreshed while shown; each can be sent again. */
function DeliveryLog({ endpoint }: { endpoint: EndpointView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState<Said>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const page = await data<{ items: DeliveryView[] }>(
        api.negotiation.GET('/v1/webhook-deliveries', { params: { query: { endpointId: endpoint.id, limit: 50 } } }),
      );
      setDeliveries(page.items);
    } catch (failure) {
      setError(failure);
    }
  }, [endpoint.id]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 3_000);
    return () => clearInterval(timer);
  }, [load]);

  const replay = async (delivery: DeliveryView) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaid(null);
    try {
      await api.negotiation.POST('/v1/webhook-deliveries/{id}/replay', { params: { path: { id: delivery.id } } });
      setSaid({ key: 'webhooks.replayed', args: { event: i18n.code('webhookEvent', delivery.eventType) } });
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="deliveries" title={t('webhooks.deliveries', { url: endpoint.url })}>
      <p role="status" className="status-line">
        {said ? t(said.key, said.args) : ''}
      </p>
      <ProblemNotice error={error} />
      {deliveries === null ? (
        error ? null : (
          <Loading />
        )
      ) : deliveries.length === 0 ? (
        <p className="empty">{t('webhooks.noDeliveries')}</p>
      ) : (
        <table className="seller-table deliveries-table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.col.event')}</th>
              <th scope="col">{t('webhooks.col.queued')}</th>
              <th scope="col">{t('webhooks.col.delivery')}</th>
              <th scope="col" className="numeric">
                {t('webhooks.col.attempts')}
              </th>
              <th scope="col">{t('webhooks.col.lastAnswer')}</th>
              <th scope="col">{t('webhooks.col.nextRetry')}</th>
              <th scope="col">{t('webhooks.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id} data-delivery={delivery.id}>
                <th scope="row">
                  {i18n.code('webhookEvent', delivery.eventType)}
                  <br />
                  <code className="muted">{delivery.eventType}</code>
                  {delivery.replayOf ? (
                    <>
                      <br />
                      <span className="tag">{t('webhooks.replay')}</span>
                    </>
                  ) : null}
                </th>
                <td>
                  <Instant iso={delivery.createdAt} />
                </td>
                <td className={`delivery-status status-${delivery.status.toLowerCase()}`}>
                  {i18n.code('deliveryStatus', delivery.status)}
                </td>
                <td className="numeric">{new Intl.NumberFormat(i18n.locale).format(delivery.attempts)}</td>
                <td>
                  {delivery.lastStatusCode === null && !delivery.lastError ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      {delivery.lastStatusCode !== null
                        ? t('webhooks.httpStatus', { code: delivery.lastStatusCode })
                        : null}
                      {delivery.lastError ? (
                        <>
                          {delivery.lastStatusCode !== null ? <br /> : null}
                          <span className="muted">{delivery.lastError}</span>
                        </>
                      ) : null}
                    </>
                  )}
                </td>
                <td>
                  {delivery.status === 'PENDING' && delivery.nextAttemptAt ? (
                    <Instant iso={delivery.nextAttemptAt} />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t('webhooks.replayOf', {
                      event: i18n.code('webhookEvent', delivery.eventType),
                      at: i18n.instant(delivery.createdAt),
                    })}
                    onClick={() => void replay(delivery)}
                  >
                    {t('webhooks.replay')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={HREF} onClick={follow}>
          {t('webhooks.closeLog')}
        </a>
      </p>
    </Section>
  );
}
