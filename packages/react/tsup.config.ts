import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['react', 'react-dom', 'react/jsx-runtime', 'sonner'],
  // Every export holds hooks or context, so the whole entry is a client module for the Next.js App Router.
  banner: { js: "'use client';" },
  async onSuccess() {
    await copyFile('src/styles.css', 'dist/styles.css');
  },
});
