import type { Unit } from './scenario-result.js';

const grouped = (v: number, digits = 0) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Renders a figure for the table; precision follows magnitude so small times keep their digits. */
export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  switch (unit) {
    case 'count':
      return grouped(Math.round(value));
    case 'perSecond':
      return value >= 100 ? grouped(Math.round(value)) : grouped(value, 1);
    case 'ms':
    case 'us':
      return value >= 100 ? grouped(value, 0) : value >= 10 ? grouped(value, 1) : grouped(value, 2);
    case 'percent':
      return value === 0 ? '0' : value < 0.01 ? '<0.01' : grouped(value, value >= 10 ? 1 : 2);
    case 'mb':
    case 'kb':
      return grouped(value, 1);
    case 'ratio':
      return `${grouped(value, 2)}×`;
  }
}

/** `value ÷ base` for the ratio columns; a dash where the base is zero or missing. */
export function formatRatio(value: number | undefined, base: number | undefined): string {
  if (value === undefined || base === undefined || Number.isNaN(value) || Number.isNaN(base)) return '–';
  if (base === 0) return value === 0 ? '1.00×' : '–';
  const r = value / base;
  if (r > 0 && r < 0.01) return `${r.toPrecision(2)}×`;
  return `${r >= 100 ? grouped(r, 0) : r >= 10 ? grouped(r, 1) : grouped(r, 2)}×`;
}
