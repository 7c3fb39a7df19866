/** One sample of a Prometheus text scrape: `name{label="value",…} number`. */
export function sampleOf(scrape: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels);
  for (const line of scrape.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (found.size === wanted.length && wanted.every(([k, v]) => found.get(k) === v)) return Number(match[3]);
  }
  return undefined;
}

/** The sum of a counter over all its label values. */
export function sumOf(scrape: string, name: string): number {
  let total = 0;
  for (const line of scrape.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{.*\})? (\S+)$/.exec(line);
    if (match && match[1] === name) total += Number(match[2]);
  }
  return total;
}
