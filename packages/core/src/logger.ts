/**
 * Where the runtime reports what went wrong. Nest's `Logger` fits it as it is; a worker
 * process passes its own (pino, console) or takes `consoleLogger`.
 */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
}

export function consoleLogger(context: string): Logger {
  return {
    error: (message) => console.error(`[${context}] ${message}`),
    warn: (message) => console.warn(`[${context}] ${message}`),
  };
}
