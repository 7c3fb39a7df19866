'use client';

import { detailLabel } from '@liveprogress/react';
import { formatBytes, formatCount } from '@/lib/operation-labels';

/** Deeper than this, a value is summarised ("3 fields") rather than drawn. */
const MAX_DEPTH = 2;
/** A list longer than this shows its first items and says how many more there are. */
const MAX_LIST = 10;

/**
 * What an operation produced, as a person reads it: field names as words ("processedCount" →
 * "Processed count"), numbers with separators, sizes in KB/MB, lists as lists. The raw JSON
 * stays one click away for developers.
 */
export function OperationResult({ result }: { result: unknown }) {
  return (
    <div className="field">
      <span className="label">Result</span>
      <ResultValue value={result} depth={0} />
      <details className="small">
        <summary>Raw result (JSON)</summary>
        <pre className="code-block">{JSON.stringify(result, null, 2)}</pre>
      </details>
    </div>
  );
}

function ResultValue({ value, depth, field }: { value: unknown; depth: number; field?: string }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === 'number') return <>{/size|bytes/i.test(field ?? '') ? formatBytes(value) : formatCount(value)}</>;
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  if (typeof value === 'string') return <>{value}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (depth >= MAX_DEPTH) return <>{formatCount(value.length)} entries</>;
    return (
      <>
        <ul className="result-list">
          {value.slice(0, MAX_LIST).map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a result's list never reorders
            <li key={index}>
              <ResultValue value={item} depth={depth + 1} />
            </li>
          ))}
        </ul>
        {value.length > MAX_LIST ? <span className="hint">and {formatCount(value.length - MAX_LIST)} more</span> : null}
      </>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (depth >= MAX_DEPTH) return <>{formatCount(entries.length)} fields</>;
    return (
      <dl className="result-fields">
        {entries.map(([key, item]) => (
          <div key={key}>
            <dt>{detailLabel(key)}</dt>
            <dd>
              <ResultValue value={item} depth={depth + 1} field={key} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}
