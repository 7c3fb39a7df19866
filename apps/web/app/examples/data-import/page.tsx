import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DataImportExample } from '@/components/examples/data-import-example';

export const metadata: Metadata = { title: 'Data import' };

export default function DataImportPage() {
  return (
    <Suspense>
      <DataImportExample />
    </Suspense>
  );
}
