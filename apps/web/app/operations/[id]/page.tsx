import type { Metadata } from 'next';
import { fetchOperation } from '@liveprogress/client';
import { OperationDetail } from '@/components/operation-detail';
import { readApiUrl } from '@/lib/api-url';
import { readServerSession } from '@/lib/server-session';

export const metadata: Metadata = { title: 'Operation' };

export default async function OperationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const operationId = decodeSegment(id);
  // Read on the server, so the first HTML already shows the operation's progress; the page then
  // goes live from this snapshot's seq (docs/react.md, Server rendering). Anything the server
  // cannot read (signed out, not found, API away) is left to the browser, as before.
  const session = await readServerSession();
  const initialSnapshot = session
    ? await fetchOperation(operationId, { apiUrl: await readApiUrl(), token: session.token, timeoutMs: 3000 }).catch(() => null)
    : null;
  return <OperationDetail operationId={operationId} initialSnapshot={initialSnapshot} />;
}

/** Route params arrive percent-encoded; a malformed escape is kept as it is (and then simply not found). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
