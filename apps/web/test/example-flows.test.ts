import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectionIsLive,
  launchBrowser,
  openPage,
  operationIdInUrl,
  progressReaches,
  screenshot,
  setSimulation,
  signIn,
  type UserPage,
} from './support/browser';
import { startDemo, type Demo } from './support/demo';

let demo: Demo;
let browser: Browser;
let alice: UserPage;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
  alice = await openPage(browser);
  await signIn(alice.page, demo.web.url, { userId: 'alice', tenantId: 'acme' });
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** The ending toasts (success, warning, error) on screen that mention `text`. */
const endingToasts = (page: Page, text: string) =>
  page
    .locator('[data-sonner-toast][data-type="success"], [data-sonner-toast][data-type="warning"], [data-sonner-toast][data-type="error"]')
    .filter({ hasText: text });

/** Waits for the first ending toast, then long enough for the server's own toast of the same end to have arrived too. */
async function theOnlyEndingToast(page: Page, text: string): Promise<string> {
  await endingToasts(page, text).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1500);
  expect(await endingToasts(page, text).count()).toBe(1);
  return ((await endingToasts(page, text).first().textContent()) ?? '').replace(/\s+/g, ' ');
}

describe('one toast per operation end, in the right words', () => {
  it('a completed operation gets one toast, naming it, without its last progress message', async () => {
    const { page } = alice;
    await page.goto(`${demo.web.url}/examples/my-operation`);
    await page.getByLabel('Name', { exact: true }).fill('Toast report one');
    await setSimulation(page, { seconds: 1 });
    await page.getByRole('button', { name: 'Start operation' }).click();
    // Whichever of the page's toast and the server's arrives first is the one shown.
    const text = await theOnlyEndingToast(page, 'Toast report one');
    expect(text).toMatch(/completed/i);
    expect(text).not.toContain('Finalizing');
  });

  it('a failed operation gets one error toast, naming it and why', async () => {
    const { page } = alice;
    await page.goto(`${demo.web.url}/examples/data-import`);
    await page.getByLabel('Dataset', { exact: true }).fill('toast-fail.csv');
    await setSimulation(page, { seconds: 1, failAt: 'Processing' });
    await page.getByRole('button', { name: 'Start import' }).click();
    const text = await theOnlyEndingToast(page, 'toast-fail.csv');
    expect(text).toMatch(/failed/i);
    expect(text).toContain('Simulated failure during the "processing" stage');
  });

  it('a cancelled operation gets one toast, with its own name and who cancelled it', async () => {
    const { page } = alice;
    await page.goto(`${demo.web.url}/examples/batch`);
    await page.getByLabel('Items', { exact: true }).fill('37');
    await setSimulation(page, { seconds: 30 });
    await page.getByRole('button', { name: 'Start batch' }).click();
    await progressReaches(page.getByRole('progressbar', { name: 'Batch processing', exact: true }), 12);
    await page.getByRole('button', { name: 'Cancel operation' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, cancel it' }).click();
    const text = await theOnlyEndingToast(page, 'Batch of 37 items');
    expect(text).toMatch(/cancelled/i);
    expect(text).toMatch(/by (you|alice)/i);
    expect(text).not.toContain('Batch Processing cancelled');
  });
});

describe('the upload: the bytes and the server stages as one operation', () => {
  /** Slows this page's uploads down to `bytesPerSecond` (DevTools network emulation). */
  async function throttle(page: Page, bytesPerSecond: number) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
    return () => cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }

  it('shows the bytes sent rising, with a percentage, before the server stages, then completes', async () => {
    const { page } = alice;
    await page.goto(`${demo.web.url}/examples/file-upload`);
    await page
      .getByLabel('Files', { exact: true })
      .setInputFiles([{ name: 'slow.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(1_500_000, 5) }]);
    await setSimulation(page, { seconds: 1 });
    const unthrottle = await throttle(page, 400_000);
    try {
      await page.getByRole('button', { name: 'Upload' }).click();
      const sent = page.getByRole('progressbar', { name: 'Bytes sent' });
      const seen = new Set<number>();
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const value = Number(await sent.getAttribute('aria-valuenow'));
        seen.add(value);
        if (value >= 100) break;
        await page.waitForTimeout(150);
      }
      const partial = [...seen].filter((v) => v > 0 && v < 100);
      // Several values between nothing and everything: the bytes were shown as they went.
      expect(partial.length).toBeGreaterThanOrEqual(3);
      expect(await page.getByTestId('bytes-sent').textContent()).toMatch(/%/);
    } finally {
      await unthrottle();
    }
    expect(await progressReaches(page.getByRole('progressbar', { name: 'File upload', exact: true }), 100)).toBe(100);
    await page.getByText('uploads/slow.bin').waitFor();
    await screenshot(page, 'file-upload-bytes-then-stages');
  });

  it('cancels during the upload: the operation ends cancelled and the browser stops sending', async () => {
    const { page } = alice;
    await page.goto(`${demo.web.url}/examples/file-upload`);
    await page
      .getByLabel('Files', { exact: true })
      .setInputFiles([{ name: 'stopped.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(3_000_000, 6) }]);
    await setSimulation(page, { seconds: 1 });
    const unthrottle = await throttle(page, 200_000);
    try {
      await page.getByRole('button', { name: 'Upload' }).click();
      await progressReaches(page.getByRole('progressbar', { name: 'Bytes sent' }), 5);
      await page.getByRole('button', { name: 'Cancel operation' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, cancel it' }).click();
      await page.locator('.lp-tracker[data-status="cancelled"]').waitFor();
      await page.locator('[data-testid="bytes-sent"][data-state="stopped"]').waitFor();
      expect(Number(await page.getByRole('progressbar', { name: 'Bytes sent' }).getAttribute('aria-valuenow'))).toBeLessThan(100);
    } finally {
      await unthrottle();
    }
  });

  it('refuses a file over 25 MB in the browser, naming it, and sends nothing', async () => {
    const { page } = alice;
    await page.goto(`${demo.web.url}/examples/file-upload`);
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/files/')) requests.push(request.url());
    });
    // Made in the page: 28.6 MB through the test protocol would take longer than the check itself.
    await page.getByLabel('Files', { exact: true }).evaluate(
      (input: HTMLInputElement, size: number) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['fine'], 'fine.txt', { type: 'text/plain' }));
        transfer.items.add(new File([new Uint8Array(size)], 'scan.tiff', { type: 'image/tiff' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      Math.round(28.6 * 1024 * 1024),
    );
    await page.getByRole('alert').filter({ hasText: '"scan.tiff" is 28.6 MB; files may be up to 25 MB each.' }).waitFor();
    expect(await page.getByLabel('Files', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Upload 2 files' }).click();
    await page.waitForTimeout(500);
    expect(requests).toEqual([]);
  });
});

describe('coming back to a running operation', () => {
  it('leaving an example mid-run and coming back shows the operation, with Start disabled, also after a reload', async () => {
    const { page } = alice;
    await page.goto(`${demo.web.url}/examples/my-operation`);
    await page.getByLabel('Name', { exact: true }).fill('Come back to me');
    await setSimulation(page, { seconds: 30 });
    await page.getByRole('button', { name: 'Start operation' }).click();
    await page.getByRole('definition').filter({ hasText: 'Come back to me' }).waitFor();
    const id = await operationIdInUrl(page);

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Overview' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await nav.getByRole('link', { name: 'My operation' }).click();
    await page.getByTestId('operation-id').getByText(id).waitFor();
    // The page mounts empty and finds the remembered operation a moment later: no empty state once it has.
    await expect.poll(() => page.getByText('Nothing running yet').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('op')).toBe(id);
    const start = page.getByRole('button', { name: 'Processing...' });
    await start.waitFor();
    expect(await start.isDisabled()).toBe(true);

    await page.reload();
    await connectionIsLive(page);
    await page.getByTestId('operation-id').getByText(id).waitFor();
    await page.getByRole('button', { name: 'Processing...' }).waitFor();
    expect(await page.getByRole('button', { name: 'Processing...' }).isDisabled()).toBe(true);
    await page.getByText('still running').waitFor();

    await page.getByRole('button', { name: 'Cancel operation' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByRole('button', { name: 'Start operation' }).waitFor();
    expect(await page.getByRole('button', { name: 'Start operation' }).isDisabled()).toBe(false);
  });
});

describe('sign-out and the next user', () => {
  it("after a sign-out the next user is not sent to the previous user's operation", async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, demo.web.url, { userId: 'carol', tenantId: 'acme' });
    await page.goto(`${demo.web.url}/examples/my-operation`);
    await page.getByLabel('Name', { exact: true }).fill('Carol private');
    await setSimulation(page, { seconds: 30 });
    await page.getByRole('button', { name: 'Start operation' }).click();
    const id = await operationIdInUrl(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBeNull();

    await signIn(page, demo.web.url, { userId: 'erin', tenantId: 'acme' });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(page.url()).not.toContain(id);
    // Nor does the example page bring carol's operation back for erin.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My operation' }).click();
    await page.getByText('Nothing running yet').waitFor();
    expect(page.url()).not.toContain(id);
    await context.close();
  });
});

describe('a shared operation cancelled by a colleague', () => {
  it('asks for confirmation, and the owner is told who cancelled', async () => {
    const { page } = alice;
    await page.goto(`${demo.web.url}/examples/my-operation`);
    await page.getByLabel('Name', { exact: true }).fill('Shared forecast');
    await setSimulation(page, { seconds: 60, visibility: 'Everyone in my tenant' });
    await page.getByRole('button', { name: 'Start operation' }).click();
    await page.getByRole('definition').filter({ hasText: 'Shared forecast' }).waitFor();
    const id = await operationIdInUrl(page);

    const dana = await openPage(browser);
    await signIn(dana.page, demo.web.url, { userId: 'dana', tenantId: 'acme' });
    await dana.page.goto(`${demo.web.url}/examples/my-operation?op=${id}`);
    await dana.page.getByRole('button', { name: 'Cancel operation' }).click();
    const dialog = dana.page.getByRole('dialog', { name: 'Cancel “Shared forecast”?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('It was started by alice, who will be told that you cancelled it.');
    await screenshot(dana.page, 'cancel-confirmation');
    // Keeping it running changes nothing.
    await dialog.getByRole('button', { name: 'Keep running' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await dana.page.waitForTimeout(500);
    expect(await page.getByRole('button', { name: 'Cancel operation' }).isVisible()).toBe(true);
    expect(await endingToasts(page, 'Shared forecast').count()).toBe(0);

    await dana.page.getByRole('button', { name: 'Cancel operation' }).click();
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();
    const text = await theOnlyEndingToast(page, 'Shared forecast');
    expect(text).toMatch(/cancelled/i);
    expect(text).toMatch(/by dana/i);
    await screenshot(page, 'cancelled-by-colleague');
    await dana.context.close();
  });
});
