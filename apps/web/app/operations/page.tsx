import type { Metadata } from 'next';
import { OperationsBrowser } from '@/components/operations-browser';

export const metadata: Metadata = { title: 'Operations' };

export default function OperationsPage() {
  return <OperationsBrowser />;
}
