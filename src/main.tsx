import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { endEarlyStart } from '@/api/client.ts';
import { App } from './app/app.tsx';
import './index.css';
import './features/theme/dark-palette.css';

// The app asks for its data itself from here on (early requests already started are taken).
endEarlyStart();
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
