import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { apiDocument } from './api-document';
import { API_PREFIX } from './api-prefix';
import { AppModule, type ApiDependencies } from './app.module';
import { refuseDeepJson, validationPipe } from './errors/validation';
import { serveWebApp, WEB_APP_DIRECTORY } from './web-app';
import { prepareNotificationTables } from '@pj/notifications';

/** Builds the HTTP application (used by main and by end-to-end tests). */
export async function createApi(
  dependencies: ApiDependencies,
  options: { logger?: false; webAppDirectory?: string } = {},
): Promise<INestApplication> {
  // The directory of people and the inbox the API reads and writes (libs/notifications).
  await prepareNotificationTables(dependencies.readModels);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(dependencies), {
    // Nest's errors and warnings only (not a line per mapped route at start-up).
    logger: options.logger ?? ['error', 'warn'],
    bufferLogs: dependencies.logger !== undefined,
  });
  if (dependencies.logger) {
    // Nest's errors and warnings (the error filter's) through the process's logger, with the request's
    // correlation id; its informational lines (modules loaded, routes mapped) are left out as before.
    const nest = app.get(PinoLogger);
    app.useLogger({
      log: () => undefined,
      warn: (message, ...rest) => nest.warn(message, ...rest),
      error: (message, ...rest) => nest.error(message, ...rest),
      fatal: (message, ...rest) => nest.fatal(message, ...rest),
    });
  }
  // Registered before Nest's own JSON parser, which then stays out (same defaults otherwise).
  app.useBodyParser('json', { verify: refuseDeepJson });
  app.useGlobalPipes(validationPipe);
  // Health included: nothing outside /api reaches a controller (`/` is the web app's).
  app.setGlobalPrefix(API_PREFIX);
  serveWebApp(app, options.webAppDirectory ?? WEB_APP_DIRECTORY);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, apiDocument(app), { jsonDocumentUrl: `${API_PREFIX}/docs-json` });
  return app;
}
