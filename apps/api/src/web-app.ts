import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_PREFIX } from './api-prefix';

// The little of Express this uses (its type package is not installed).
interface Request {
  readonly method: string;
  readonly path: string;
}
interface Response {
  status(code: number): Response;
  type(type: string): Response;
  send(body: string): Response;
  setHeader(name: string, value: string): void;
  sendFile(path: string): void;
}
type NextFunction = () => void;

/** Where `npm run build:web` writes the web app (relative to the working directory, like DATA_DIR). */
export const WEB_APP_DIRECTORY = resolve('dist/web');

const isApi = (path: string) => path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);

/**
 * The built web app from the API's own process and port: its files, and index.html for any other
 * GET outside /api (the app's own routes, such as /cases/new, are client-side). Without a build,
 * `/` says how to make one. Registered before Nest's routes, so /api never reaches it.
 */
export function serveWebApp(app: NestExpressApplication, directory = WEB_APP_DIRECTORY): void {
  const index = join(directory, 'index.html');
  app.useStaticAssets(directory, {
    index: false,
    // Vite puts a content hash in every asset name: they never change.
    setHeaders: (response, path) => {
      if (path.includes(`${join(directory, 'assets')}`))
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApi(request.path)) return next();
    // Checked on each request: a build made while the engine runs is served without a restart.
    if (!existsSync(index)) {
      response.status(404).type('text/plain').send('The web app is not built: run `npm run build:web`.\n');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
