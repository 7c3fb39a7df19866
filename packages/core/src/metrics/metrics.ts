import type { CounterName, GaugeName, HistogramName, MetricLabels } from './metric-catalogue.js';

/**
 * What the runtime reports to, one call at each place where a counted thing happens. The
 * default is `noopMetrics`, so an app that does not turn metrics on pays one empty call.
 * Label arguments are typed by the catalogue: a metric without labels takes none.
 */
export interface Metrics {
  /** Adds one to a counter. */
  increment<N extends CounterName>(name: N, ...labels: LabelArgs<N>): void;
  /** Moves a gauge up or down by `delta`. */
  add<N extends GaugeName>(name: N, delta: number, ...labels: LabelArgs<N>): void;
  /** Records one observation (seconds, for the lag histograms). */
  observe<N extends HistogramName>(name: N, value: number, ...labels: LabelArgs<N>): void;
}

type LabelArgs<N extends CounterName | GaugeName | HistogramName> = keyof MetricLabels<N> extends never ? [] : [labels: MetricLabels<N>];

/** Metrics turned off: every report is dropped. */
export const noopMetrics: Metrics = {
  increment() {},
  add() {},
  observe() {},
};
