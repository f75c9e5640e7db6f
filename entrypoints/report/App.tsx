import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ContextList, type ContextPart } from '../../components/report/ContextList';
import { ScreenshotRedactor } from '../../components/report/ScreenshotRedactor';
import {
  GAP_NOTE_MAX,
  GapReportContext,
  GapReportType,
  GapSeverity,
  type ErrorDetail,
  type GapReportType as ReportType,
  type GapSeverity as Severity,
} from '../../contract';
import { getDb } from '../../utils/db/app-db';
import { errorMessage } from '../../utils/error-message';
import { i18n } from '../../utils/i18n';
import { request } from '../../utils/messaging/page-messaging';
import { createReport } from '../../utils/reports/create-report';
import { discardDraft, loadDraft, saveDraft } from '../../utils/reports/report-drafts';
import { draftKeyOf, readReportFormSearch } from '../../utils/reports/report-form-url';
import { ReportRefused } from '../../utils/reports/report-input';
import { redactScreenshot, type Box } from '../../utils/reports/redact';

/** What a draft keeps: everything the reporter typed or chose (not the screenshot). */
interface DraftValue {
  type: ReportType;
  severity: Severity;
  note: string;
  removed: ContextPart[];
}

/** How long the form waits after a keystroke before saving the draft. */
const DRAFT_SAVE_MS = 400;

/** The context from the URL, with any part the contract would refuse dropped rather than sent. */
function useFormSeed() {
  return useMemo(() => {
    const { context, captureToken } = readReportFormSearch(location.search);
    const parsed = GapReportContext.safeParse(context);
    if (parsed.success) return { context: parsed.data, captureToken };
    // Keep what is valid part by part: one odd field must not cost the reporter the rest.
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(context)) {
      const one = GapReportContext.safeParse({ [key]: value });
      if (one.success) kept[key] = value;
    }
    return { context: GapReportContext.parse(kept), captureToken };
  }, []);
}

/** The screenshot the background captured for this form, taken once; null when there is none. */
function useCapture(token: string | null) {
  const [image, setImage] = useState<ImageBitmap | null>(null);
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (!token) return;
    void request('takeCapture', { token }).then(async ({ dataUrl }) => {
      if (!dataUrl) return setLost(true);
      const blob = await (await fetch(dataUrl)).blob();
      setImage(await createImageBitmap(blob));
    });
  }, [token]);
  return { image, lost, drop: () => setImage(null) };
}

type Sent = { id: string } | null;

/** The SOP gap report form: type, severity, a note, the context filled in, and an optional redacted screenshot. */
export function App() {
  const { context, captureToken } = useFormSeed();
  const draftKey = useMemo(() => draftKeyOf(context), [context]);
  const [value, setValue] = useState<DraftValue>({ type: 'unclear', severity: 'medium', note: '', removed: [] });
  const [loaded, setLoaded] = useState(false);
  const [boxes, setBoxes] = useState<Box[]>([]);
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent>(null);
  const [busy, setBusy] = useState(false);
  const capture = useCapture(captureToken);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const ids = { type: useId(), severity: useId(), note: useId() };

  useEffect(() => {
    void loadDraft(getDb(), draftKey).then((draft) => {
      if (draft?.value && typeof draft.value === 'object') setValue((v) => ({ ...v, ...(draft.value as DraftValue) }));
      setLoaded(true);
    });
  }, [draftKey]);

  /** Changes the form and saves the draft shortly after (so a reload or a crash keeps it). */
  const update = (patch: Partial<DraftValue>) => {
    const next = { ...value, ...patch };
    setValue(next);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void saveDraft(getDb(), draftKey, next), DRAFT_SAVE_MS);
  };

  const removed = new Set(value.removed);
  const toggle = (part: ContextPart) =>
    update({ removed: removed.has(part) ? value.removed.filter((p) => p !== part) : [...value.removed, part] });

  async function send() {
    setBusy(true);
    setProblems([]);
    setFailure(null);
    clearTimeout(saveTimer.current);
    try {
      const kept = Object.fromEntries(
        Object.entries(context).filter(([part]) => !removed.has(part as ContextPart)),
      ) as GapReportContext;
      const screenshot = capture.image ? await redactScreenshot(capture.image, boxes) : null;
      const report = await createReport(
        getDb(),
        { type: value.type, severity: value.severity, note: value.note, context: kept, screenshot },
        { draftKey },
      );
      setSent({ id: report.id });
    } catch (error) {
      if (error instanceof ReportRefused) setProblems(error.details);
      else setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <main className="page stack" data-testid="report-sent">
        <h1>{i18n.t('report.sentTitle')}</h1>
        <p role="status">{i18n.t('report.sent')}</p>
        <button type="button" onClick={() => window.close()}>
          {i18n.t('report.close')}
        </button>
      </main>
    );
  }

  const problemFor = (path: string) => problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));
  return (
    <main className="page stack">
      <h1>{i18n.t('report.title')}</h1>
      <form
        className="stack report-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
        aria-busy={!loaded || busy}
      >
        <label htmlFor={ids.type}>{i18n.t('report.type')}</label>
        <select id={ids.type} value={value.type} onChange={(e) => update({ type: e.target.value as ReportType })}>
          {GapReportType.options.map((type) => (
            <option key={type} value={type}>
              {i18n.t(`report.types.${type}`)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.severity}>{i18n.t('report.severity')}</label>
        <select
          id={ids.severity}
          value={value.severity}
          onChange={(e) => update({ severity: e.target.value as Severity })}
        >
          {GapSeverity.options.map((severity) => (
            <option key={severity} value={severity}>
              {i18n.t(`report.severities.${severity}`)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.note}>{i18n.t('report.note')}</label>
        <textarea
          id={ids.note}
          rows={5}
          maxLength={GAP_NOTE_MAX}
          value={value.note}
          required
          aria-invalid={problemFor('note').length > 0}
          aria-describedby={`${ids.note}-count`}
          onChange={(e) => update({ note: e.target.value })}
        />
        <p className="muted" id={`${ids.note}-count`}>
          {i18n.t('report.noteCount', { count: value.note.length, max: GAP_NOTE_MAX })}
        </p>
        <h2>{i18n.t('report.context.title')}</h2>
        <ContextList context={context} removed={removed} onToggle={toggle} />
        <h2>{i18n.t('report.screenshot.title')}</h2>
        {capture.image ? (
          <>
            <ScreenshotRedactor image={capture.image} boxes={boxes} onChange={setBoxes} />
            <button type="button" onClick={capture.drop}>
              {i18n.t('report.screenshot.remove')}
            </button>
          </>
        ) : (
          <p className="muted">{capture.lost ? i18n.t('report.screenshot.lost') : i18n.t('report.screenshot.none')}</p>
        )}
        {problems.length > 0 && (
          <ul className="error" role="alert" data-testid="report-problems">
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>{i18n.t('report.problem', problem)}</li>
            ))}
          </ul>
        )}
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !loaded}>
            {i18n.t('report.send')}
          </button>
          <button
            type="button"
            onClick={() => {
              void discardDraft(getDb(), draftKey).then(() => window.close());
            }}
          >
            {i18n.t('report.discard')}
          </button>
        </div>
      </form>
    </main>
  );
}
