import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { CONSOLE_HEADER, problemOf } from '../../api/client';
import { useI18n } from '../../i18n';
import { Instant, ProblemNotice, Section } from '../../ui/bits';
import { guessKind, previewOf, UPLOAD_KINDS, viaGateway, type DisputeView, type UploadKind } from './desk';

function size(bytes: number | undefined, locale: string): string {
  if (bytes === undefined) return '—';
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** The evidence Settle holds, with previews (image thumbnails, PDF and video links), and its checklist. */
export function EvidenceFiles({ view }: { view: Pick<DisputeView, 'evidenceFiles' | 'evidenceChecklist'> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const files = view.evidenceFiles;
  return (
    <Section id="evidence" title={t('case.evidence')}>
      {files.length === 0 ? (
        <p className="muted">{t('case.noEvidence')}</p>
      ) : (
        <ul className="evidence-files">
          {files.map((file) => {
            const kind = previewOf(file);
            const label = `${i18n.code('evidenceKind', file.kind)} · ${i18n.code('role', file.addedBy.role)}`;
            return (
              <li key={file.evidenceId} className="evidence-file">
                {kind === 'image' && file.thumbnailHref && file.href ? (
                  <a href={viaGateway(file.href)} target="_blank" rel="noreferrer">
                    <img
                      src={viaGateway(file.thumbnailHref)}
                      alt={t('evidence.imageAlt', { kind: i18n.code('evidenceKind', file.kind) })}
                      loading="lazy"
                    />
                  </a>
                ) : kind === 'unpreserved' ? (
                  <span className="evidence-icon" aria-hidden="true">
                    ?
                  </span>
                ) : (
                  <span className="evidence-icon" aria-hidden="true">
                    {kind === 'pdf' ? 'PDF' : kind === 'video' ? 'MP4' : '↓'}
                  </span>
                )}
                <div>
                  <p>
                    <strong>{label}</strong>
                    {file.note ? ` · ${file.note}` : ''}
                  </p>
                  <p className="muted">
                    {file.contentType ?? '—'} · {size(file.size, i18n.locale)} · <Instant iso={file.addedAt} />
                  </p>
                  {file.href && kind !== 'unpreserved' ? (
                    <a href={viaGateway(file.href)} target="_blank" rel="noreferrer">
                      {kind === 'pdf'
                        ? t('evidence.openPdf')
                        : kind === 'image'
                          ? t('evidence.openImage')
                          : t('evidence.download')}
                    </a>
                  ) : (
                    <p className="muted">
                      {t('evidence.unpreserved')} {file.url ? <code>{file.url}</code> : null}
                    </p>
                  )}
                  {file.sha256 ? (
                    <p className="muted hash" title={file.sha256}>
                      SHA-256 {file.sha256.slice(0, 16)}…
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {view.evidenceChecklist.items.length ? (
        <>
          <h3>{t('evidence.checklist')}</h3>
          <ul className="checklist">
            {view.evidenceChecklist.items.map((item) => (
              <li key={item.id} className={item.provided ? 'meets' : 'misses'}>
                {item.provided ? t('evidence.provided') : t('evidence.missing')} · {i18n.code('role', item.party)} ·{' '}
                {item.description}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

/**
 * Upload by dropping files on the zone or choosing them with the file input (keyboard: Tab to it, Enter or Space).
 * The service decides each file's type by its content; a refusal is shown in plain words and nothing is stored.
 */
export function EvidenceUpload({ disputeId, onUploaded }: { disputeId: string; onUploaded: () => Promise<void> }) {
  const { t, code } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [kind, setKind] = useState<UploadKind | ''>('');
  const [note, setNote] = useState('');
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');

  const choose = (chosen: File[]) => {
    setFiles(chosen);
    setDone('');
    setError(null);
    if (!kind && chosen[0]) setKind(guessKind(chosen[0]));
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    choose([...event.dataTransfer.files]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!files.length || busy) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      for (const file of files) {
        form.append('kind', kind || guessKind(file));
        if (note.trim()) form.append('note', note.trim());
        form.append('file', file, file.name);
      }
      const response = await fetch(viaGateway(`/v1/disputes/${encodeURIComponent(disputeId)}/evidence`), {
        method: 'POST',
        credentials: 'same-origin',
        headers: CONSOLE_HEADER,
        body: form,
      });
      if (!response.ok) throw await problemOf(response);
      setDone(t('evidence.uploaded', { n: files.length }));
      setFiles([]);
      setNote('');
      if (input.current) input.current.value = '';
      await onUploaded();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="evidence-upload" onSubmit={(event) => void submit(event)} aria-labelledby="upload-title">
      <h3 id="upload-title">{t('evidence.upload')}</h3>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{t('evidence.dropHere')}</p>
        <label className="field">
          <span>{t('evidence.chooseFiles')}</span>
          <input
            ref={input}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,application/pdf,video/mp4"
            onChange={(event) => choose([...(event.target.files ?? [])])}
          />
        </label>
        <p className="muted">{t('evidence.limits')}</p>
      </div>
      {files.length ? <p>{t('evidence.chosen', { names: files.map((file) => file.name).join(', ') })}</p> : null}
      <label className="field">
        <span>{t('evidence.kind')}</span>
        <select value={kind} onChange={(event) => setKind(event.target.value as UploadKind | '')}>
          <option value="">{t('evidence.kindAuto')}</option>
          {UPLOAD_KINDS.map((value) => (
            <option key={value} value={value}>
              {code('evidenceKind', value)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('evidence.note')}</span>
        <input type="text" maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <button type="submit" disabled={!files.length || busy}>
        {busy ? t('evidence.uploading') : t('evidence.send')}
      </button>
      <p role="status" className="status-line">
        {done}
      </p>
      <ProblemNotice error={error} />
    </form>
  );
}
