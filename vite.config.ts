import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { localApiPlugin } from './server/vite-plugin.ts';

// `npm run dev`: Vite with HMR, and the same local API mounted under /v1 on the same origin.
export default defineConfig({
  plugins: [react(), tailwindcss(), localApiPlugin()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { host: '127.0.0.1', port: 5173 },
  build: {
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    // The server reads the manifest to name a conversation URL's chunks in its page, and to put
    // the second entry there (server/index-page.ts).
    manifest: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        'early-requests': fileURLToPath(new URL('./src/app/early-requests.ts', import.meta.url)),
      },
    },
  },
});
