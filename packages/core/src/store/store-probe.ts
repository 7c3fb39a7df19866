/** What a store says about itself when asked whether it answers (OperationStore.probe), for health checks. */
export interface StoreProbe {
  /** `memory`, `redis`, or a custom store's own name. */
  kind: string;
  /** Operations held, when the store can count them cheaply (the in-memory one). */
  operations?: number;
}
