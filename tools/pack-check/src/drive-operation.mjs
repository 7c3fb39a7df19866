// The end-to-end proof: the built React app, in Debian's Chromium, starts a job on the running
// fresh Nest app and follows it to completion over the packages' own socket and HTTP calls.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { signToken } from './sign-token.mjs';
import { startNestApp } from './start-nest-app.mjs';
import { serveStatic } from './static-server.mjs';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/**
 * Serves the React app's build, runs the Nest app, clicks "Start job" and waits for the end.
 * Resolves with what the page showed; stops everything it started, whatever happens.
 */
export async function driveOperation({ nestDir, reactDir, timeoutMs = 30_000 }) {
  const secret = randomBytes(32).toString('hex');
  const stops = [];
  try {
    const web = await serveStatic(join(reactDir, 'dist'));
    stops.push(web.close);
    const api = await startNestApp(nestDir, { jwtSecret: secret, webOrigin: web.url });
    stops.push(api.stop);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    stops.push(() => browser.close());

    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const token = signToken(secret, { userId: 'pack-check-user', tenantId: 'pack-check-tenant' });
    await page.goto(`${web.url}/?${new URLSearchParams({ api: api.url, token })}`);
    await page.getByRole('button', { name: 'Start job' }).click();

    const status = page.getByLabel('Job status');
    await status.filter({ hasText: /^(completed|failed|cancelled)$/ }).waitFor({ timeout: timeoutMs });
    const bar = page.getByRole('progressbar', { name: 'Job progress' });
    const found = {
      status: await status.textContent(),
      result: (await page.getByLabel('Job result').count()) > 0 ? await page.getByLabel('Job result').textContent() : null,
      progressBar: await bar.getAttribute('aria-valuenow', { timeout: 5_000 }).catch(() => null),
      toast: await page
        .locator('[data-sonner-toast]')
        .filter({ hasText: 'The job is done' })
        .first()
        .waitFor({ timeout: 5_000 })
        .then(() => 'The job is done')
        .catch(() => null),
      pageErrors,
      apiUrl: api.url,
      webUrl: web.url,
    };
    return { ...found, apiOutput: api.output };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}
