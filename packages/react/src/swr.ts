'use client';
// @liveprogress/react/swr: SWR revalidation from live events (docs/react.md, Query invalidation).
// A separate entry so that the typical import carries neither it nor swr.

export { useLiveProgressInvalidation } from './invalidation/use-swr-invalidation.js';
export type { InvalidationMap } from './invalidation/invalidation-map.js';
