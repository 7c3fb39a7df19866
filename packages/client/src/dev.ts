// Whether this is a development build, in the one place the library reads it.
//
// Every app bundler (Vite, Next.js, webpack, esbuild, Parcel, Bun) replaces `process.env.NODE_ENV`
// with "production" in a production build, dependencies included; `DEV` then folds to `false`
// and the minifier drops what only developers read. This is what TanStack Query and Redux Toolkit
// ship. It is not guarded with `typeof process`, which would keep the check (and the text) in every
// bundle: code loaded with no bundler at all must define `process.env.NODE_ENV` first
// (docs/client.md, Development and production builds).
declare const process: { env: { NODE_ENV?: string } };

/**
 * True outside production builds (vitest runs with NODE_ENV=test): full explanations, dev-only checks.
 * Use it in expressions (`DEV ? 'explanation' : seeDocs(…)`, `DEV && …`) with the dev-only text
 * inline: esbuild substitutes the constant where it is read but keeps a module-level table or a
 * function that only a DEV branch uses, and keeps the body of `if (DEV) { … }`.
 */
export const DEV: boolean = process.env.NODE_ENV !== 'production';

/**
 * The message a developer-facing error has in a production build: its code and where to read
 * about it. Used as `DEV ? 'the full explanation' : seeDocs('CONFIG_INVALID', 'client.md#options')`,
 * so the explanation itself is left out of production bundles.
 */
export function seeDocs(code: string, section: string): string {
  return `${code}: see docs/${section}`;
}
