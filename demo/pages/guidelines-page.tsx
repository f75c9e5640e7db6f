/** @jsxImportSource hono/jsx */
import type { User } from '../../contract';
import type { GuidelineDoc } from '../data/guidelines';
import { Layout, type DemoTool } from './layout';

/** A read-only guideline document with a table of contents. */
export function GuidelinesPage({
  doc,
  tool,
  user,
  backHref,
}: {
  doc: GuidelineDoc;
  tool: DemoTool;
  user?: User | undefined;
  backHref: string;
}) {
  return (
    <Layout title={doc.title} tool={tool} user={user} links={<a href={backHref}>Back to work</a>}>
      <main class="guide" data-guideline-version={doc.version}>
        <h1 class="guide__title">{doc.title}</h1>
        <p class="guide__version">Version {doc.version}</p>
        <nav class="guide__toc" aria-label="Sections">
          {doc.sections.map((s) => (
            <a href={`#${s.id}`}>{s.heading}</a>
          ))}
        </nav>
        {doc.sections.map((s) => (
          <section class="guide__section" id={s.id}>
            <h2>{s.heading}</h2>
            {s.paragraphs.map((p) => (
              <p>{p}</p>
            ))}
          </section>
        ))}
      </main>
    </Layout>
  );
}
