import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './index.css';
import './features/theme/dark-palette.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
// A transition: React renders the app in slices and yields between them, so booting is not one
// long task.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
