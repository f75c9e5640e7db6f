import { i18n } from '../../utils/i18n';
import { AccountSection } from './AccountSection';
import { AdaptersSection } from './AdaptersSection';
import { Workbench } from './Workbench';

/** Options: the API and account, the site adapters in force, and the adapter workbench. */
export function App() {
  return (
    <main className="page stack">
      <h1>{i18n.t('options.title')}</h1>
      <AccountSection />
      <AdaptersSection />
      <Workbench />
    </main>
  );
}
