import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

// The Guia server serves dist/web itself, under a CSP of `script-src 'self'`: the build
// must emit script files only, never inline scripts (Mantine's ColorSchemeScript is
// therefore not used; inline styles are allowed).
export default defineConfig({
  root: path.join(projectRoot, 'web'),
  plugins: [react()],
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  build: {
    outDir: path.join(projectRoot, 'dist', 'web'),
    emptyOutDir: true,
    // Small assets would otherwise be inlined as data: URIs, which the CSP allows for
    // images only.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: in chunks of their own they stay cached
        // across releases of Guia.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|@tabler)[\\/]/, priority: 2 },
            { name: 'libraries', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
