import { test as base } from '@playwright/test';
import { serveStatic, type Route, type StaticServer } from '../../src/cli/static-server';

/** The built app (`npm run build`, or ROGUARD_DIST) served on 127.0.0.1 with cross-origin isolation. */
export const test = base.extend<{ routes: Route[]; app: StaticServer }>({
  routes: [[], { option: true }],
  app: async ({ routes }, use) => {
    const server = await serveStatic(process.env.ROGUARD_DIST ?? 'dist', routes);
    await use(server);
    await server.close();
  },
});

export { expect } from '@playwright/test';
