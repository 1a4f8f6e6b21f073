import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { apiDocument } from './api-document';
import { API_PREFIX } from './api-prefix';
import { AppModule, type ApiDependencies } from './app.module';
import { refuseDeepJson, validationPipe } from './errors/validation';

/** Builds the HTTP application (used by main and by end-to-end tests). */
export async function createApi(
  dependencies: ApiDependencies,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(dependencies), {
    logger: options.logger ?? ['error', 'warn'],
  });
  // Registered before Nest's own JSON parser, which then stays out (same defaults otherwise).
  app.useBodyParser('json', { verify: refuseDeepJson });
  app.useGlobalPipes(validationPipe);
  // Health included: nothing outside /api reaches a controller (`/` is the web app's).
  app.setGlobalPrefix(API_PREFIX);
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, apiDocument(app), { jsonDocumentUrl: `${API_PREFIX}/docs-json` });
  return app;
}
