// @liveprogress/react/fallback: the client's opt-in SSE and polling tier, for `<WebSocketProvider fallback={httpFallback()}>`
// (docs/react.md, When WebSockets are blocked), so an app that installs only this package can opt in.
// Not a client module: it holds no hooks, and a server component may build the option too.
export { httpFallback } from '@liveprogress/client/fallback';
export type { FallbackOptions, HttpOptions } from '@liveprogress/client/fallback';
