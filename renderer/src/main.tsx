import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

if (typeof window.facet === 'undefined') {
  // Opened outside Facet (a plain browser tab): there is no engine to talk to.
  container.textContent = 'Facet’s window must be opened by the Facet app.';
} else {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
