import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui.css';

/** Renders an extension page's root component into `#root`. */
export function mount(node: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('QA Lens page is missing #root');
  createRoot(container).render(<StrictMode>{node}</StrictMode>);
}
