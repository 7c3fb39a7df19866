import { describe, expect, it } from 'vitest';
import { operationIdInUrl, progressReaches, screenshot, setSimulation, toast } from './support/browser';
import { signedInSession } from './support/signed-in-session';

const session = signedInSession({ userId: 'alice', tenantId: 'acme' });

describe("the guide's examples, run to completion in a real browser", () => {
  it('my operation: the form starts it and its progress bar reaches 100 %', async () => {
    const { page } = session.user;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My operation' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Quarterly report');
    await setSimulation(page, { seconds: 2 });
    await page.getByRole('button', { name: 'Start operation' }).click();

    // While it runs the button says so, as documented (docs/react.md, 2.1 The generic hook).
    await page.getByRole('button', { name: 'Processing...' }).waitFor();
    const bar = page.getByRole('progressbar', { name: 'My operation progress' });
    expect(await progressReaches(bar, 100)).toBe(100);
    await toast(page, 'Operation completed successfully!').waitFor();
    await page.getByRole('status').filter({ hasText: 'Completed in' }).waitFor();
    expect(await page.getByRole('list', { name: 'Stages' }).locator('[data-state="done"]').count()).toBe(4);
    await page.getByRole('button', { name: 'Start operation' }).waitFor();
    await screenshot(page, 'my-operation-completed');
  });

  it('file upload: real files go up as multipart and every file gets its own row', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/file-upload`);
    await page.getByLabel('Files', { exact: true }).setInputFiles([
      { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\n1,Ada\n2,Grace\n'.repeat(200)) },
      { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(48_000, 7) },
    ]);
    expect(await page.getByRole('list', { name: 'Selected files' }).getByRole('listitem').count()).toBe(3);
    await setSimulation(page, { seconds: 2 });
    await page.getByRole('button', { name: 'Upload 3 files' }).click();

    const bar = page.getByRole('progressbar', { name: 'File upload', exact: true });
    expect(await progressReaches(bar, 100)).toBe(100);
    await toast(page, 'File uploaded successfully!').waitFor();

    // One task row per uploaded file, each completed, named after the file that was sent.
    const tasks = page.getByRole('list', { name: 'Tasks' }).getByRole('listitem');
    expect(await tasks.count()).toBe(3);
    expect(await page.getByRole('list', { name: 'Tasks' }).locator('[data-status="completed"]').count()).toBe(3);
    expect(await tasks.locator('.lp-tracker__task-name').allTextContents()).toEqual(['customers.csv', 'logo.svg', 'report.pdf']);
    await page.getByText('3 of 3 files done').waitFor();
    // The API hashed the real bytes and stored them under the destination.
    await page.getByText('uploads/report.pdf').waitFor();
    await screenshot(page, 'file-upload-completed');
  });

  it('data import: ProgressTracker walks the four stages with a time estimate', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/data-import`);
    await page.getByLabel('Dataset', { exact: true }).fill('customers.csv');
    await setSimulation(page, { seconds: 4 });
    await page.getByRole('button', { name: 'Start import' }).click();

    const bar = page.getByRole('progressbar', { name: 'Data import', exact: true });
    await progressReaches(bar, 1);
    // While it runs: elapsed time and an estimate of the time left.
    await page.getByText(/Elapsed .* · (about .* left|finishing…)/).waitFor();
    expect(await progressReaches(bar, 100)).toBe(100);
    await toast(page, 'Data imported successfully!').waitFor();

    const stages = page.getByRole('list', { name: 'Stages' }).getByRole('listitem');
    expect(await stages.allTextContents()).toEqual([
      expect.stringContaining('Validation'),
      expect.stringContaining('Processing'),
      expect.stringContaining('Storing'),
      expect.stringContaining('Indexing'),
    ]);
    expect(await page.getByRole('list', { name: 'Stages' }).locator('[data-state="done"]').count()).toBe(4);
    await page.getByText('Imported 1,000 records (0 rejected)').waitFor();
    // useLiveOperation's enableTableRefresh told the page's `imported_data` listeners.
    await page
      .getByTestId('imported-data-refreshes')
      .getByText(/refreshed 1 time/)
      .waitFor();
    await screenshot(page, 'data-import-completed');
  });

  it('batch processing: processedCount climbs to the number of items', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/batch`);
    await page.getByLabel('Items', { exact: true }).fill('30');
    await setSimulation(page, { seconds: 3 });
    await page.getByRole('button', { name: 'Start batch' }).click();

    const bar = page.getByRole('progressbar', { name: 'Batch processing', exact: true });
    expect(await progressReaches(bar, 100)).toBe(100);
    await toast(page, 'Batch processing completed!').waitFor();
    await page.getByTestId('processed-count').getByText('of 30 items processed').waitFor();
    expect(await page.getByTestId('processed-count').locator('strong').textContent()).toBe('30');
    expect(await page.getByRole('list', { name: 'Items' }).locator('[data-status="completed"]').count()).toBe(30);
    // The example's onProgress reads details.processedCount (docs/react.md, Examples 1–3).
    expect(await page.getByRole('list', { name: 'Progress log' }).getByText('Processed: 30 items').count()).toBe(1);
    await screenshot(page, 'batch-completed');
  });

  it('the operations table lists all four, completed, and the pages raised no errors', async () => {
    const { page, errors } = session.user;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { name: 'Operations', exact: true }).waitFor();
    const rows = page.locator('table tbody tr[data-operation-id]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    expect(await page.locator('tbody tr[data-status="completed"]').count()).toBe(4);
    for (const type of ['My operation', 'File upload', 'Data import', 'Batch processing']) {
      expect(await page.getByRole('cell', { name: type, exact: true }).count()).toBe(1);
    }
    await screenshot(page, 'operations-table');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Welcome, alice' }).waitFor();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    expect(await page.getByRole('list', { name: 'Examples' }).getByRole('link').count()).toBe(4);
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
  });

  it("the upload's sample files go through the real file input", async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/file-upload`);
    await page.getByRole('button', { name: 'Use sample files' }).click();
    expect(await page.getByLabel('Files', { exact: true }).evaluate((input: HTMLInputElement) => input.files?.length)).toBe(3);
    await setSimulation(page, { seconds: 1 });
    await page.getByRole('button', { name: 'Upload 3 files' }).click();
    await progressReaches(page.getByRole('progressbar', { name: 'File upload', exact: true }), 100);
    await page.getByText('uploads/customers.csv').waitFor();
  });

  it('keeps the operation id in the address while it runs', async () => {
    const { page } = session.user;
    await page.goto(`${session.demo.web.url}/examples/my-operation`);
    await setSimulation(page, { seconds: 1 });
    await page.getByRole('button', { name: 'Start operation' }).click();
    const id = await operationIdInUrl(page);
    expect(await page.getByTestId('operation-id').textContent()).toBe(id);
    await progressReaches(page.getByRole('progressbar', { name: 'My operation progress' }), 100);
  });
});
