import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the bench-only baseline page into bench/dist (served under /__bench/ by the bench).
export default defineConfig({
  root: fileURLToPath(new URL('./baseline', import.meta.url)),
  base: '/__bench/',
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
