'use client';
// @liveprogress/react/query: TanStack Query invalidation from live events (docs/react.md, Query invalidation).
// A separate entry so that the typical import carries neither it nor @tanstack/react-query.

export { useLiveProgressInvalidation } from './invalidation/use-query-invalidation.js';
export type { InvalidationMap } from './invalidation/invalidation-map.js';
