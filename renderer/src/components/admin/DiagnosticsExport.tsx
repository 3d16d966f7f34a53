import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportEntry, Language, SaveOutcome, SizeUnits } from '../../../../electron/contract';
import { ActionError } from '../../../../electron/contract/errors';
import { sizeText } from '../../format';
import type { AdminActions } from './actions';

/** What the card says after "Opslaan…": where it went, that the download started, or why not. */
export type ExportResult = { kind: 'saved'; outcome: SaveOutcome } | { kind: 'error'; code: string } | null;
export interface ExportListing {
  entries: ExportEntry[];
  suggestedName: string;
}

export const codeOf = (error: unknown) => (error instanceof ActionError ? error.code : 'internal');

/** The preview offers the zip (or a report: ReportCard) as a download: the page starts it, as a link the admin clicked would. */
export function startDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
}

/**
 * "Diagnose exporteren": first the list of files the zip will hold (admin.diagnosticsContents),
 * then "Opslaan…" (admin.exportDiagnostics: a save dialog in the app, a download in the preview).
 * A refusal says why in words and keeps the list, so the admin can try again at once.
 */
export function DiagnosticsExport(props: {
  language: Language;
  sizeUnits: SizeUnits;
  contents: AdminActions['admin.diagnosticsContents'];
  exportZip: AdminActions['admin.exportDiagnostics'];
}) {
  const { t } = useTranslation();
  const id = useId();
  const [listing, setListing] = useState<ExportListing | null>(null);
  const [busy, setBusy] = useState<'listing' | 'saving' | null>(null);
  const [result, setResult] = useState<ExportResult>(null);
  // "Diagnose exporteren" gives way to "Opslaan…" once the list is there: the keyboard's focus moves with it.
  const saveButton = useRef<HTMLButtonElement>(null);
  const listed = listing !== null;
  useEffect(() => {
    if (listed) saveButton.current?.focus();
  }, [listed]);

  async function list() {
    setBusy('listing');
    setResult(null);
    try {
      setListing(await props.contents({}));
    } catch (error) {
      setResult({ kind: 'error', code: codeOf(error) });
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    setBusy('saving');
    setResult(null);
    try {
      const outcome = await props.exportZip({});
      if (outcome.outcome === 'download') startDownload(outcome.url, outcome.name);
      setResult({ kind: 'saved', outcome });
    } catch (error) {
      setResult({ kind: 'error', code: codeOf(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.export.title')}</h2>
      <p className="muted small">{t('admin.export.intro')}</p>
      {listing && <ExportList listing={listing} language={props.language} sizeUnits={props.sizeUnits} />}
      <div className="export-actions">
        {listing === null ? (
          <button type="button" className="button" aria-disabled={busy !== null} onClick={() => busy === null && void list()}>
            {t('admin.export.show')}
          </button>
        ) : (
          <button ref={saveButton} type="button" className="button accent" aria-disabled={busy !== null} onClick={() => busy === null && void save()}>
            {t('admin.export.save')}
          </button>
        )}
      </div>
      <ExportStatus busy={busy} result={result} />
    </section>
  );
}

/** The files of the zip, each with what it is and its size (pure: rendered alike in the tests). */
export function ExportList({ listing, language, sizeUnits }: { listing: ExportListing; language: Language; sizeUnits: SizeUnits }) {
  const { t } = useTranslation();
  const size = (bytes: number) => {
    const { key, params } = sizeText(bytes, sizeUnits, language);
    return t(key, params);
  };
  return (
    <table className="export-list">
      <caption className="muted small">{t('admin.export.listCaption', { name: listing.suggestedName })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.export.file')}</th>
          <th scope="col">{t('admin.export.what')}</th>
          <th scope="col">{t('admin.export.size')}</th>
        </tr>
      </thead>
      <tbody>
        {listing.entries.map((entry) => (
          <tr key={entry.name}>
            <th scope="row">
              <code className="code">{entry.name}</code>
            </th>
            <td>{t(`admin.export.kind.${entry.kind}`)}</td>
            <td>{size(entry.bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Busy, saved where, the download started, cancelled, or the refusal in words from errors.*. */
export function ExportStatus({ busy, result }: { busy: 'listing' | 'saving' | null; result: ExportResult }) {
  const { t } = useTranslation();
  let text = '';
  if (busy === 'listing') text = t('admin.export.listing');
  else if (busy === 'saving') text = t('admin.export.saving');
  else if (result?.kind === 'error') text = t(`errors.${result.code}`);
  else if (result?.kind === 'saved') {
    const { outcome } = result;
    text =
      outcome.outcome === 'saved'
        ? t('admin.export.saved', { path: outcome.path })
        : outcome.outcome === 'download'
          ? t('admin.export.downloaded', { name: outcome.name })
          : t('admin.export.cancelled');
  }
  return (
    <p className={`form-status ${result?.kind === 'error' ? 'error' : ''}`} role="status">
      {text}
    </p>
  );
}
