'use client';

import { createContext, use } from 'react';

/** The demo API's URL, read by the root layout on the server at request time. */
export const ApiUrlContext = createContext<string | null>(null);

export function useApiUrl(): string {
  const url = use(ApiUrlContext);
  if (!url) throw new Error('useApiUrl must be used inside <AppProviders>');
  return url;
}
