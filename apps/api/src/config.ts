/** The demo API's settings, read once from the environment (contract §8). */
export interface ApiConfig {
  port: number;
  host: string;
  jwtSecret: string;
  production: boolean;
  corsOrigins: string[] | true;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? (production ? '' : 'liveprogress-demo-secret-change-me');
  if (!jwtSecret) throw new Error('JWT_SECRET is not set: the demo API refuses to start in production without one');
  const port = Number(env.PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    jwtSecret,
    production,
    corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()) : true,
  };
}

export const API_CONFIG = Symbol('API_CONFIG');
