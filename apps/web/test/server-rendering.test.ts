// The operation page rendered on the server (docs/react.md, Server rendering): its first HTML
// already shows the operation's progress (checked with JavaScript off), and with JavaScript on
// the page hydrates without a warning and goes live to the end.
import { describe, expect, it } from 'vitest';
import { connectionIsLive, operationIdInUrl, progressReaches, setSimulation } from './support/browser';
import { signedInSession } from './support/signed-in-session';

const session = signedInSession({ userId: 'sam', tenantId: 'ssr-co' });

describe('the server-rendered operation page', () => {
  it('shows the progress in its first HTML, then hydrates without a warning and goes live to the end', async () => {
    const { page, context } = session.user;
    await page.goto(`${session.demo.web.url}/examples/data-import`);
    await setSimulation(page, { seconds: 6 });
    await page.getByRole('button', { name: 'Start import' }).click();
    const bar = page.getByRole('progressbar', { name: 'Data import', exact: true });
    await progressReaches(bar, 20);
    const operationId = await operationIdInUrl(page);
    const detailUrl = `${session.demo.web.url}/operations/${encodeURIComponent(operationId)}`;

    // JavaScript off: only what the server rendered. Same cookies, so the same signed-in user.
    const browser = context.browser();
    const noScript = await browser!.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
    const staticPage = await noScript.newPage();
    await staticPage.goto(detailUrl);

    const serverValue = Number(await staticPage.locator('.lp-tracker [role="progressbar"]').first().getAttribute('aria-valuenow'));
    expect(serverValue).toBeGreaterThanOrEqual(20);
    expect(serverValue).toBeLessThan(100);
    expect(await staticPage.locator('.lp-tracker').first().getAttribute('data-status')).toBe('running');
    await noScript.close();

    // JavaScript on: hydration keeps what the server showed, with no warning, and the page goes live.
    const warnings: string[] = [];
    page.on('console', (message) => {
      // React reports a mismatch as a recoverable error naming hydration, or as "did not match".
      if (/hydrat|did not match|server rendered/i.test(message.text())) warnings.push(message.text());
    });
    await page.goto(detailUrl);
    await connectionIsLive(page);
    const live = page.locator('.lp-tracker [role="progressbar"]').first();
    await progressReaches(live, 100);
    await page.locator('.lp-tracker[data-status="completed"]').first().waitFor();
    expect(warnings.join('\n---\n')).toBe('');
    expect(session.user.errors).toEqual([]);
  });
});
