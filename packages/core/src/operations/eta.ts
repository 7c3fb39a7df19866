/**
 * When an operation will likely finish. A caller's estimate holds until it is
 * overrun; otherwise the rate observed since the start is extrapolated.
 */
export function estimateCompletion(input: { startedAt: number; now: number; progress: number; estimatedDuration: number | null }): number | null {
  const { startedAt, now, progress, estimatedDuration } = input;
  if (progress >= 100) return now;
  if (estimatedDuration !== null && startedAt + estimatedDuration > now) return startedAt + estimatedDuration;
  const elapsed = now - startedAt;
  if (progress <= 0 || elapsed <= 0) return null;
  return Math.round(now + ((100 - progress) * elapsed) / progress);
}
