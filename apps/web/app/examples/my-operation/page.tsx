import type { Metadata } from 'next';
import { Suspense } from 'react';
import { MyOperationExample } from '@/components/examples/my-operation-example';

export const metadata: Metadata = { title: 'My operation' };

export default function MyOperationPage() {
  return (
    <Suspense>
      <MyOperationExample />
    </Suspense>
  );
}
