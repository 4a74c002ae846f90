import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.resolve(import.meta.dirname, 'web');

/** Two entries: the PC console (index.html) and the mobile H5 pages (m/index.html). */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@server': path.resolve(import.meta.dirname, 'server'), '@web': path.join(root, 'src') } },
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { console: path.join(root, 'index.html'), mobile: path.join(root, 'm/index.html') } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
