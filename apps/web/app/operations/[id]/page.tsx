import type { Metadata } from 'next';
import { OperationDetail } from '@/components/operation-detail';

export const metadata: Metadata = { title: 'Operation' };

export default async function OperationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <OperationDetail operationId={decodeSegment(id)} />;
}

/** Route params arrive percent-encoded; a malformed escape is kept as it is (and then simply not found). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
