import type { CSSProperties } from 'react';

// Inline styles: the devtools bring no stylesheet, so importing them never changes the app's CSS.
export const styles = {
  root: {
    position: 'fixed',
    left: 12,
    bottom: 12,
    zIndex: 2147483000,
    display: 'flex',
    flexDirection: 'column-reverse',
    alignItems: 'flex-start',
    gap: 8,
    font: '12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace',
    color: '#e5e7eb',
  },
  toggle: {
    font: 'inherit',
    color: 'inherit',
    background: '#1f2937',
    border: '1px solid #4b5563',
    borderRadius: 6,
    padding: '4px 10px',
    cursor: 'pointer',
  },
  panel: {
    background: '#111827',
    border: '1px solid #4b5563',
    borderRadius: 8,
    padding: 12,
    width: 'min(640px, calc(100vw - 24px))',
    maxHeight: '60vh',
    overflow: 'auto',
    boxShadow: '0 8px 24px rgb(0 0 0 / 0.35)',
  },
  heading: { margin: '0 0 8px', fontSize: 13 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 },
  facts: { display: 'flex', flexWrap: 'wrap', gap: '2px 12px', margin: '4px 0' },
  table: { borderCollapse: 'collapse', width: '100%' },
  visuallyHidden: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  cell: { textAlign: 'left', padding: '1px 6px 1px 0', verticalAlign: 'top' },
} satisfies Record<string, CSSProperties>;
