import {
  type CounterName,
  type GaugeName,
  type HistogramName,
  LiveProgressConfigError,
  MetricCatalogue,
  type MetricName,
  type Metrics,
} from '@liveprogress/core';
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsRegistry, ResolvedMetricsOptions } from './metrics-options.js';

type PromClient = typeof import('prom-client');
type AnyMetric = Counter | Gauge | Histogram;

/**
 * `Metrics` on prom-client: one prom-client metric per entry of core's MetricCatalogue, made
 * on the app's registry or a new one. prom-client is loaded here, only when metrics are on,
 * so it stays an optional peer dependency.
 */
export class PrometheusMetrics implements Metrics {
  private constructor(
    readonly registry: MetricsRegistry,
    private readonly metrics: ReadonlyMap<MetricName, AnyMetric>,
  ) {}

  static async create(options: Pick<ResolvedMetricsOptions, 'registry' | 'prefix' | 'processMetrics'>): Promise<PrometheusMetrics> {
    let prom: PromClient;
    try {
      const loaded = (await import('prom-client')) as PromClient & { default?: PromClient };
      prom = loaded.default ?? loaded;
    } catch {
      throw new LiveProgressConfigError('`metrics` needs the `prom-client` package: install prom-client@15, or leave `metrics` out of forRoot');
    }
    const registry = (options.registry as Registry | undefined) ?? new prom.Registry();
    const metrics = new Map<MetricName, AnyMetric>();
    for (const [key, definition] of Object.entries(MetricCatalogue)) {
      const name = options.prefix + key;
      // The same registry given to a second app (tests, hot reload) keeps its metrics rather than refusing the name.
      const existing = registry.getSingleMetric(name) as AnyMetric | undefined;
      const common = { name, help: definition.help, labelNames: [...definition.labels], registers: [registry] };
      const made =
        existing ??
        (definition.type === 'counter'
          ? new prom.Counter(common)
          : definition.type === 'gauge'
            ? new prom.Gauge(common)
            : new prom.Histogram({ ...common, buckets: [...definition.buckets] }));
      metrics.set(key as MetricName, made);
    }
    if (options.processMetrics) prom.collectDefaultMetrics({ register: registry, prefix: options.prefix });
    return new PrometheusMetrics(registry, metrics);
  }

  increment(name: CounterName, labels?: Record<string, string>): void {
    (this.metrics.get(name) as Counter).inc(labels ?? {});
  }

  add(name: GaugeName, delta: number, labels?: Record<string, string>): void {
    (this.metrics.get(name) as Gauge).inc(labels ?? {}, delta);
  }

  observe(name: HistogramName, value: number, labels?: Record<string, string>): void {
    (this.metrics.get(name) as Histogram).observe(labels ?? {}, value);
  }

  /** The registry's text exposition, as Prometheus scrapes it. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
