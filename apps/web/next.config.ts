import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The monorepo root: the workspace packages this app imports live outside apps/web.
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
};

export default nextConfig;
