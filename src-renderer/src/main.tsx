import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClientContext } from './api/client-context';
import { pickClient } from './api/pick-client';
import { App } from './app/App';
import './styles/tokens.css';
import './styles/layout.css';
import './styles/components.css';

const client = pickClient(window as unknown as Record<string, unknown>, window.location.origin);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <App />
    </ClientContext.Provider>
  </StrictMode>,
);
