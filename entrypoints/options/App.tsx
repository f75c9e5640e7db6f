import { AccountSection } from './AccountSection';
import { AdaptersSection } from './AdaptersSection';
import { Workbench } from './Workbench';

/** Options: the API and account, the site adapters in force, and the adapter workbench. */
export function App() {
  return (
    <main className="page stack">
      <h1>QA Lens settings</h1>
      <AccountSection />
      <AdaptersSection />
      <Workbench />
    </main>
  );
}
