import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { apiDocument } from './api-document';
import { AppModule, type ApiDependencies } from './app.module';
import { refuseDeepJson, validationPipe } from './errors/validation';
import { prepareNotificationTables } from '@pj/notifications';

/** Builds the HTTP application (used by main and by end-to-end tests). */
export async function createApi(
  dependencies: ApiDependencies,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  // The directory of people and the inbox the API reads and writes (libs/notifications).
  await prepareNotificationTables(dependencies.readModels);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(dependencies), {
    logger: options.logger ?? ['error', 'warn'],
  });
  // Registered before Nest's own JSON parser, which then stays out (same defaults otherwise).
  app.useBodyParser('json', { verify: refuseDeepJson });
  app.useGlobalPipes(validationPipe);
  SwaggerModule.setup('api/docs', app, apiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
