'use client';

import { SseParser, type StoredEvent } from '@liveprogress/protocol';
import { useEffect, useState } from 'react';
import { useApiUrl } from './api-url';
import { useSession } from './session-provider';

export interface OperationEvents {
  /** The stored events, oldest first: the retained history, then live ones as they come. */
  events: StoredEvent[];
  /** `loading` until the history has arrived; `live` while the stream stays open for new events. */
  status: 'loading' | 'live' | 'done' | 'error';
  error: string | null;
}

/**
 * An operation's event history for its timeline, from the operation's SSE stream with
 * `Last-Event-ID: 0` (docs/protocol.md, HTTP and Server-Sent Events): the server first
 * replays every retained event, then sends live ones, and ends the response after the
 * terminal event (or at once, for an operation that has already ended).
 */
export function useOperationEvents(operationId: string): OperationEvents {
  const apiUrl = useApiUrl();
  const token = useSession().session?.token ?? null;
  const [state, setState] = useState<OperationEvents>({ events: [], status: 'loading', error: null });

  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    setState({ events: [], status: 'loading', error: null });
    const read = async () => {
      const res = await fetch(`${apiUrl}/api/v1/operations/${encodeURIComponent(operationId)}/stream`, {
        headers: { authorization: `Bearer ${token}`, 'last-event-id': '0', accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(`the event stream answered ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      const take = (text: string) => {
        const arrived: StoredEvent[] = [];
        for (const item of parser.push(text)) {
          if (item.kind !== 'message' || item.id === undefined) continue; // the snapshot and heartbeats
          if (!item.event.startsWith('progress.')) continue;
          arrived.push({ ...JSON.parse(item.data), event: item.event } as StoredEvent);
        }
        // Replayed events come in one burst: one render for the lot, then one per live event.
        if (arrived.length > 0) setState((previous) => ({ events: [...previous.events, ...arrived], status: 'live', error: null }));
        else setState((previous) => (previous.status === 'loading' ? { ...previous, status: 'live' } : previous));
      };
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        take(decoder.decode(value, { stream: true }));
      }
      take(`${decoder.decode()}\n\n`);
      setState((previous) => ({ ...previous, status: 'done' }));
    };
    read().catch((error: unknown) => {
      if (abort.signal.aborted) return;
      setState((previous) => ({ ...previous, status: 'error', error: error instanceof Error ? error.message : String(error) }));
    });
    return () => abort.abort();
  }, [apiUrl, token, operationId]);

  return state;
}
