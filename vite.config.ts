/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { copyDocumentFonts } from './electron/documents/fonts-copy';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The renderer build. Its output is served by the app:// protocol and the loopback preview under a
// strict CSP (script-src 'self'), so nothing may be inlined into index.html.
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [
    react(),
    // The printable documents' CJK fonts ship with the app: dist/renderer/fonts, served same-origin.
    { name: 'tiaojie-document-fonts', closeBundle: () => { copyDocumentFonts(here('.'), here('./dist/renderer/fonts')); } },
  ],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    // The preload polyfill is an inline script; Chromium supports modulepreload natively.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 3000,
    sourcemap: false,
  },
  // Vitest reads the same file; tests live outside the renderer root.
  test: {
    root: here('.'),
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 60000,
    pool: 'forks',
  },
});
