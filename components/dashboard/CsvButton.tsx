import { useState } from 'react';
import { saveBlob } from '../../utils/download';
import { errorMessage } from '../../utils/error-message';
import { i18n } from '../../utils/i18n';

/** Downloads what `load` fetches (a CSV from the API) as `filename`, saying so while it works and why when it fails. */
export function CsvButton({ label, filename, load }: { label: string; filename: string; load: () => Promise<Blob> }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    setState({ busy: true, error: null });
    try {
      saveBlob(await load(), filename);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: errorMessage(error) });
    }
  };
  return (
    <p className="row">
      <button type="button" onClick={() => void download()} disabled={state.busy}>
        {label}
      </button>
      {state.busy && <span className="muted">{i18n.t('dashboard.csv.working')}</span>}
      {state.error && (
        <span className="error" role="alert">
          {i18n.t('dashboard.failed', { message: state.error })}
        </span>
      )}
    </p>
  );
}
