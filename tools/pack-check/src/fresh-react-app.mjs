// A fresh Vite + React 19 app, as an adopter would write it from docs/react.md: the provider, a
// button that starts an operation with useLiveOperation and a ProgressTracker that follows it. The
// API's address and the token come from the page's query string, so one static build serves any port.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pins } from './pinned-versions.mjs';

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Fresh React app</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`;

const MAIN = `import '@liveprogress/react/styles.css';
import { WebSocketProvider } from '@liveprogress/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster } from 'sonner';
import { Job } from './job';

const params = new URLSearchParams(window.location.search);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <WebSocketProvider url={params.get('api') ?? window.location.origin} token={params.get('token')}>
      <Job />
      <Toaster />
    </WebSocketProvider>
  </StrictMode>,
);
`;

const JOB = `import { ProgressTracker, useLiveOperation } from '@liveprogress/react';

export function Job() {
  const [state, actions] = useLiveOperation<{ steps: number }>({
    apiEndpoint: '/api/jobs',
    operationType: 'pack_check',
    operationName: 'Pack check job',
    enableToasts: true,
    successMessage: 'The job is done',
  });
  return (
    <main>
      <button type="button" disabled={state.isLoading} onClick={() => void actions.execute({ steps: 5 })}>
        Start job
      </button>
      <p>
        Status: <output aria-label="Job status">{state.status}</output>
      </p>
      {state.operationId && <ProgressTracker config={{ operationId: state.operationId, operationType: 'pack_check', title: 'Job progress' }} />}
      {state.result != null && <pre aria-label="Job result">{JSON.stringify(state.result)}</pre>}
      {state.error && <p role="alert">{state.error.message}</p>}
    </main>
  );
}
`;

// Vite's own types: \`import '….css'\` and import.meta.env.
const VITE_ENV = `/// <reference types="vite/client" />
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'bundler',
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
  include: ['src'],
};

/** Writes the app into `dir`, depending on the packed tarballs (`{ name: path }`) and the stack's pinned peers. */
export function writeReactApp(dir, tarballs) {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const fromTarball = (name) => `file:${relative(dir, tarballs[name])}`;
  const manifest = {
    name: 'fresh-react-app',
    version: '0.0.0',
    private: true,
    type: 'module',
    // tsc checks the app against the packages' declarations; Vite (no React plugin: its own JSX
    // transform follows tsconfig's "jsx") bundles it.
    scripts: { build: 'tsc -p tsconfig.json && vite build' },
    dependencies: {
      '@liveprogress/protocol': fromTarball('@liveprogress/protocol'),
      '@liveprogress/client': fromTarball('@liveprogress/client'),
      '@liveprogress/react': fromTarball('@liveprogress/react'),
      ...pins(['react', 'react-dom', 'sonner']),
    },
    devDependencies: pins(['typescript', 'vite', '@types/react', '@types/react-dom']),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'src', 'main.tsx'), MAIN);
  writeFileSync(join(dir, 'src', 'job.tsx'), JOB);
  writeFileSync(join(dir, 'src', 'vite-env.d.ts'), VITE_ENV);
}
