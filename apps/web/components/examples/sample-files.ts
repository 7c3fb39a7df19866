/** Small files made in the browser, for trying the upload without picking any. */
export function sampleFiles(): File[] {
  const rows = ['id,name,email', ...Array.from({ length: 200 }, (_, i) => `${i + 1},Customer ${i + 1},customer${i + 1}@example.com`)];
  return [
    new File([rows.join('\n')], 'customers.csv', { type: 'text/csv' }),
    new File([JSON.stringify({ invoices: Array.from({ length: 50 }, (_, i) => ({ id: i + 1, total: (i + 1) * 12.5 })) }, null, 2)], 'invoices.json', {
      type: 'application/json',
    }),
    new File(['Meeting notes\n\n- ship the demo\n- write the docs\n'], 'notes.txt', { type: 'text/plain' }),
  ];
}
