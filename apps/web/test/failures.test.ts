import { describe, expect, it } from 'vitest';
import { connectionIsLive, operationIdInUrl, progressReaches, screenshot, setSimulation, toast } from './support/browser';
import { signedInSession } from './support/signed-in-session';

const session = signedInSession({ userId: 'alice', tenantId: 'acme' });

describe('failures, cancellation and reloads', () => {
  it('a forced failure shows the error state, the failed stage and an error toast', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/data-import`);
    await setSimulation(page, { seconds: 3, failAt: 'Processing' });
    await page.getByRole('button', { name: 'Start import' }).click();

    const tracker = page.locator('.lp-tracker[data-operation-type="data_import"]');
    await tracker.and(page.locator('[data-status="failed"]')).waitFor();
    await tracker.getByRole('alert').getByText('Simulated failure during the "processing" stage').waitFor();
    const stages = page.getByRole('list', { name: 'Stages' });
    expect(await stages.locator('[data-state="done"]').allTextContents()).toEqual([expect.stringContaining('Validation')]);
    expect(await stages.locator('[data-state="failed"]').allTextContents()).toEqual([expect.stringContaining('Processing')]);
    // The bar stays where the work stopped, short of 100 %.
    const value = Number(await page.getByRole('progressbar', { name: 'Data import', exact: true }).getAttribute('aria-valuenow'));
    expect(value).toBeGreaterThan(15);
    expect(value).toBeLessThan(65);
    await toast(page, 'Import failed').waitFor();
    await page.getByText('Failed', { exact: true }).first().waitFor();
    // The tracker says why; the page does not say it twice.
    expect(await page.getByRole('alert').filter({ hasText: 'Simulated failure' }).count()).toBe(1);
    await screenshot(page, 'data-import-failed');
  });

  it('the generic form reports a failure in its own error box', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/my-operation`);
    await setSimulation(page, { seconds: 2, failAt: 'Validation' });
    await page.getByRole('button', { name: 'Start operation' }).click();
    await page.getByRole('alert').filter({ hasText: 'Simulated failure during the "validation" stage' }).waitFor();
    expect(await page.getByRole('progressbar', { name: 'My operation progress' }).getAttribute('aria-valuenow')).not.toBe('100');
    await toast(page, 'Operation failed').waitFor();
    await page.getByRole('button', { name: 'Start operation' }).waitFor();
    await screenshot(page, 'my-operation-failed');
  });

  it('cancelling a running batch ends it as cancelled', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/batch`);
    await page.getByLabel('Items', { exact: true }).fill('50');
    await setSimulation(page, { seconds: 30 });
    await page.getByRole('button', { name: 'Start batch' }).click();
    const bar = page.getByRole('progressbar', { name: 'Batch processing', exact: true });
    const before = await progressReaches(bar, 15);

    await page.getByRole('button', { name: 'Cancel operation' }).click();
    // A cancel asks first (it cannot be undone).
    await page.getByRole('dialog', { name: 'Cancel “Batch of 50 items”?' }).getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.locator('.lp-tracker[data-status="cancelled"]').waitFor();
    await toast(page, 'Batch of 50 items cancelled').waitFor();
    await page.locator('.lp-tracker').getByRole('alert').getByText('cancelled').waitFor();
    expect(await page.getByRole('button', { name: 'Cancel operation' }).count()).toBe(0);
    // Nothing moves after the cancel.
    const after = Number(await bar.getAttribute('aria-valuenow'));
    expect(after).toBeGreaterThanOrEqual(before);
    expect(after).toBeLessThan(100);
    await page.waitForTimeout(1500);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(after);
    await screenshot(page, 'batch-cancelled');
  });

  it('a running operation can be cancelled from the operations table', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/my-operation`);
    await page.getByLabel('Name', { exact: true }).fill('Long report');
    await setSimulation(page, { seconds: 60 });
    await page.getByRole('button', { name: 'Start operation' }).click();
    const id = await operationIdInUrl(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { name: 'Operations', exact: true }).waitFor();
    const row = page.locator(`tr[data-operation-id="${id}"]`);
    await row.and(page.locator('[data-status="running"]')).waitFor();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog', { name: 'Cancel “Long report”?' }).getByRole('button', { name: 'Yes, cancel it' }).click();
    await row.and(page.locator('[data-status="cancelled"]')).waitFor({ timeout: 15_000 });
    await toast(page, 'Operation cancelled').waitFor();
  });

  it('reloading mid-operation resumes the progress from where it was', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/data-import`);
    await page.getByLabel('Dataset', { exact: true }).fill('orders.csv');
    await setSimulation(page, { seconds: 10 });
    await page.getByRole('button', { name: 'Start import' }).click();
    const id = await operationIdInUrl(page);
    const bar = page.getByRole('progressbar', { name: 'Data import', exact: true });
    const before = await progressReaches(bar, 20);

    await page.reload();
    await connectionIsLive(page);
    expect(new URL(page.url()).searchParams.get('op')).toBe(id);
    expect(await page.getByTestId('operation-id').textContent()).toBe(id);
    // The first value after the reload comes from the server's snapshot: never behind what was shown.
    const resumed = await progressReaches(bar, 1);
    expect(resumed).toBeGreaterThanOrEqual(before);
    await page.getByRole('list', { name: 'Stages' }).locator('[data-state="done"]').first().waitFor();
    await screenshot(page, 'data-import-resumed');
    expect(await page.getByText('Import of orders.csv', { exact: true }).count()).toBeGreaterThan(0);

    expect(await progressReaches(bar, 100, 20_000)).toBe(100);
    await page.locator('.lp-tracker[data-status="completed"]').waitFor();
    // The resumed page still hears the API's own alert when the operation ends.
    await toast(page, 'Operation completed').waitFor();
  });

  it('an unknown operation id in the address shows that it cannot be found', async () => {
    const { page, errors } = session.user;
    await page.goto(`${session.demo.web.url}/examples/data-import?op=does-not-exist`);
    // An operation the server does not have (for this user) is shown as no longer available, not as a failure.
    await page.locator('.lp-tracker[data-status="lost"]').getByText('no longer available', { exact: false }).first().waitFor();
    await page.goto(`${session.demo.web.url}/operations/does-not-exist`);
    await page.getByRole('heading', { name: 'Operation not available' }).waitFor();
    await page.getByRole('alert').getByText('you may not see it', { exact: false }).waitFor();
    expect(await page.getByText('refused', { exact: false }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
