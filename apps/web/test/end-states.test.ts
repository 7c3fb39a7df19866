import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { progressReaches, screenshot, setSimulation } from './support/browser';
import { signedInSession } from './support/signed-in-session';

const session = signedInSession({ userId: 'carol', tenantId: 'acme' });

// The tracker's theme in the demo (app/globals.css): amber for a cancel, red for a failure.
const WARNING = 'rgb(217, 119, 6)';
const DANGER = 'rgb(220, 38, 38)';

const backgroundOf = (locator: Locator) => locator.evaluate((element) => getComputedStyle(element).backgroundColor);
const colourOf = (locator: Locator) => locator.evaluate((element) => getComputedStyle(element).color);

/** Clicks the live panel's Cancel, and confirms it if the page asks first. */
async function cancelRunning(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Cancel operation' }).first().click();
  const tracker = page.locator('.lp-tracker[data-status="cancelled"]');
  const confirm = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  await Promise.race([tracker.waitFor({ timeout: 15_000 }), confirm.first().waitFor({ timeout: 15_000 })]);
  if (await confirm.count()) {
    await confirm
      .getByRole('button', { name: /^(cancel operation|yes|confirm|cancel it)/i })
      .first()
      .click();
  }
  await tracker.waitFor({ timeout: 15_000 });
}

/** A cancelled tracker, drawn as cancelled everywhere: bar, stage, header, notice — never in the failure colours. */
async function expectDrawnCancelled(page: Page): Promise<void> {
  const tracker = page.locator('.lp-tracker[data-status="cancelled"]');
  expect(await backgroundOf(tracker.locator('.lp-tracker__fill'))).toBe(WARNING);
  expect(await tracker.locator('[data-state="failed"]').count()).toBe(0);
  const stage = tracker.locator('.lp-tracker__stage[data-state="cancelled"]');
  expect(await stage.count()).toBe(1);
  expect(await backgroundOf(stage.locator('.lp-tracker__stage-marker'))).toBe(WARNING);
  expect(await colourOf(tracker.locator('.lp-tracker__cancelled'))).toBe(WARNING);
  expect(await tracker.locator('.lp-tracker__error').count()).toBe(0);
  // How it ended, in the badge's words; no live dot once nothing more can come.
  expect(await tracker.locator('.lp-tracker__state').textContent()).toBe('Cancelled');
  expect(await tracker.locator('[data-connection]').count()).toBe(0);
  expect(await tracker.locator('.lp-tracker__message').textContent()).toBe('Cancelled');
  for (const element of await tracker.locator('*').all()) {
    const { color, background } = await element.evaluate((node) => ({
      color: getComputedStyle(node).color,
      background: getComputedStyle(node).backgroundColor,
    }));
    expect([color, background]).not.toContain(DANGER);
  }
}

/** The tracker's task rows' states; none may still read as running or waiting after the end. */
async function taskRowStates(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Tasks' })
    .getByRole('listitem')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status') ?? ''));
}

describe('the end of an operation, drawn as it ended, on the example pages', () => {
  it('a cancelled batch is drawn as cancelled, and its unfinished items as cancelled or skipped, not running or waiting', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/batch`);
    await page.getByLabel('Items', { exact: true }).fill('40');
    await setSimulation(page, { seconds: 30 });
    await page.getByRole('button', { name: 'Start batch' }).click();
    await progressReaches(page.getByRole('progressbar', { name: 'Batch processing', exact: true }), 15);
    await page.getByRole('list', { name: 'Items' }).locator('[data-status="running"]').first().waitFor();

    await cancelRunning(page);
    await expectDrawnCancelled(page);
    const items = page.getByRole('list', { name: 'Items' });
    expect(await items.locator('[data-status="running"]').count()).toBe(0);
    expect(await items.locator('[data-status="pending"]').count()).toBe(0);
    expect(await items.locator('[data-status="skipped"]').count()).toBeGreaterThan(0);
    expect(await items.getByText(/: Skipped$/).count()).toBeGreaterThan(0);
    await screenshot(page, 'batch-cancelled-drawn-as-cancelled');
  });

  it('a cancelled upload is drawn as cancelled, and no file row stays in progress or waiting', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/file-upload`);
    await page.getByLabel('Files', { exact: true }).setInputFiles([
      { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('id\n1\n') },
      { name: 'b.csv', mimeType: 'text/csv', buffer: Buffer.from('id\n2\n') },
      { name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from('id\n3\n') },
      { name: 'd.csv', mimeType: 'text/csv', buffer: Buffer.from('id\n4\n') },
    ]);
    await setSimulation(page, { seconds: 30 });
    await page.getByRole('button', { name: 'Upload 4 files' }).click();
    await page.getByRole('list', { name: 'Tasks' }).locator('[data-status="running"]').first().waitFor({ timeout: 20_000 });

    await cancelRunning(page);
    await expectDrawnCancelled(page);
    const states = await taskRowStates(page);
    expect(states).toHaveLength(4);
    expect(states).not.toContain('running');
    expect(states).not.toContain('pending');
    expect(states.some((state) => state === 'cancelled' || state === 'skipped')).toBe(true);
    await screenshot(page, 'file-upload-cancelled');
  });

  it('a cancelled import is drawn as cancelled: amber bar, amber stage mark, amber notice', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/data-import`);
    await setSimulation(page, { seconds: 20 });
    await page.getByRole('button', { name: 'Start import' }).click();
    await progressReaches(page.getByRole('progressbar', { name: 'Data import', exact: true }), 20);

    await cancelRunning(page);
    await expectDrawnCancelled(page);
    await screenshot(page, 'data-import-cancelled');
  });

  it("a failed batch's and a failed upload's rows end as failed or skipped, never still running", async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/batch`);
    await page.getByLabel('Items', { exact: true }).fill('30');
    await setSimulation(page, { seconds: 4, failAt: 'Processing' });
    await page.getByRole('button', { name: 'Start batch' }).click();
    await page.locator('.lp-tracker[data-status="failed"]').waitFor({ timeout: 20_000 });
    const items = page.getByRole('list', { name: 'Items' });
    expect(await items.locator('[data-status="running"]').count()).toBe(0);
    expect(await items.locator('[data-status="pending"]').count()).toBe(0);
    expect(await items.locator('[data-status="skipped"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.lp-tracker__state').textContent()).toBe('Failed');
    expect(await page.locator('.lp-tracker [data-connection]').count()).toBe(0);

    await page.goto(`${session.demo.web.url}/examples/file-upload`);
    await page.getByRole('button', { name: 'Use sample files' }).click();
    await setSimulation(page, { seconds: 4, failAt: 'Processing' });
    await page.getByRole('button', { name: 'Upload 3 files' }).click();
    await page.locator('.lp-tracker[data-status="failed"]').waitFor({ timeout: 20_000 });
    const states = await taskRowStates(page);
    expect(states).toHaveLength(3);
    expect(states).not.toContain('running');
    expect(states).not.toContain('pending');
    // No row is left "blue at 50 %": a row still in progress would show its percentage.
    expect(await page.locator('.lp-tracker__task-status').allTextContents()).not.toContain('50%');
    await screenshot(page, 'file-upload-failed');
    expect(session.user.errors).toEqual([]);
  });
});
