/**
 * Event-name patterns for `subscribeToEvent`: `*` matches any run of characters
 * (dots included), everything else is literal. Compiled patterns are cached
 * because the same few patterns are tested against every incoming event.
 */
const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 500;

export function compilePattern(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const source = pattern
      .split('*')
      .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    compiled = new RegExp(`^${source}$`);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

export function matchesPattern(pattern: string, eventName: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === eventName;
  return compilePattern(pattern).test(eventName);
}
