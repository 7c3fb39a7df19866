import { connection } from 'next/server';

const DEFAULT_API_URL = 'http://127.0.0.1:3001';

/**
 * The demo API's URL, read when a request comes in rather than inlined at build
 * time, so one production build can be pointed at an API on any host and port:
 * `API_URL=http://127.0.0.1:4000 next start`. `NEXT_PUBLIC_API_URL` is accepted too
 * (read here, on the server, where Next.js does not inline it).
 */
export async function readApiUrl(): Promise<string> {
  await connection();
  const env = process.env;
  const configured = env.API_URL || env.NEXT_PUBLIC_API_URL || DEFAULT_API_URL;
  return configured.replace(/\/+$/, '');
}
