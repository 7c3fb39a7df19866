import { LiveProgressConfigError } from '@liveprogress/core';

/**
 * The part of a `prom-client` Registry the module uses, so these types do not need
 * prom-client installed: pass your app's `Registry` (or `register`) as it is.
 */
export interface MetricsRegistry {
  readonly contentType: string;
  metrics(): Promise<string>;
  getSingleMetric(name: string): unknown;
}

export interface MetricsOptions {
  /** Default true once `metrics` is given; false keeps the option block but turns everything off. */
  enabled?: boolean;
  /** Where `GET` serves the scrape; default `/metrics`; `false` serves nothing (scrape your own registry). Fixed at `forRoot`. */
  path?: string | false;
  /** Register on the app's own prom-client registry; default a new one for the module. */
  registry?: MetricsRegistry;
  /** Put before every metric name; default `liveprogress_`. */
  prefix?: string;
  /** Also collect prom-client's default Node process metrics (CPU, memory, event loop lag) on the registry; default false. */
  processMetrics?: boolean;
}

export interface ResolvedMetricsOptions {
  enabled: boolean;
  path: string | false;
  registry: MetricsRegistry | undefined;
  prefix: string;
  processMetrics: boolean;
}

export function resolveMetricsOptions(options: MetricsOptions | undefined): ResolvedMetricsOptions {
  const prefix = options?.prefix ?? 'liveprogress_';
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(prefix)) {
    throw new LiveProgressConfigError(`metrics.prefix "${prefix}" is not a Prometheus name prefix: use letters, digits, _ and :, not starting with a digit`);
  }
  return {
    enabled: options !== undefined && options.enabled !== false,
    path: metricsPath(options),
    registry: options?.registry,
    prefix,
    processMetrics: options?.processMetrics ?? false,
  };
}

/** The scrape path the options ask for, or false: read by forRoot to mount the controller and by resolveOptions alike. */
export function metricsPath(options: MetricsOptions | undefined): string | false {
  if (!options || options.enabled === false || options.path === false) return false;
  return options.path ?? '/metrics';
}
