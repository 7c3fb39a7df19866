import { WebSocketProvider, type WebSocketProviderProps } from '@liveprogress/react';
import { StrictMode, type ReactNode } from 'react';

/** A `wrapper` for render/renderHook: the provider (optionally under StrictMode) around the test's tree. */
export function withProvider(props: WebSocketProviderProps, options: { strict?: boolean } = {}) {
  return function Wrapper({ children }: { children: ReactNode }): ReactNode {
    const tree = <WebSocketProvider {...props}>{children}</WebSocketProvider>;
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
}

/** waitFor's options for things the real server does within a few seconds. */
export const LIVE = { timeout: 10_000 } as const;
