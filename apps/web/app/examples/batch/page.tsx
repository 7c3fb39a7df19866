import type { Metadata } from 'next';
import { Suspense } from 'react';
import { BatchExample } from '@/components/examples/batch-example';

export const metadata: Metadata = { title: 'Batch processing' };

export default function BatchPage() {
  return (
    <Suspense>
      <BatchExample />
    </Suspense>
  );
}
