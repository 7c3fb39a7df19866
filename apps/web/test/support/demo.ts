import { freePort, startApi, type RunningApi } from '@liveprogress/test-support';
import { startWeb, type RunningWeb } from './web-server';

export interface Demo {
  api: RunningApi;
  web: RunningWeb;
  stop: () => Promise<void>;
}

/** The demo API (in-memory) and the production web app on free loopback ports, wired to each other. */
export async function startDemo(): Promise<Demo> {
  const webPort = await freePort();
  const webOrigin = `http://127.0.0.1:${webPort}`;
  const api = await startApi({ CORS_ORIGINS: webOrigin });
  let web: RunningWeb;
  try {
    web = await startWeb(webPort, api.url);
  } catch (error) {
    await api.stop();
    throw error;
  }
  return {
    api,
    web,
    stop: async () => {
      await web.stop();
      await api.stop();
    },
  };
}
