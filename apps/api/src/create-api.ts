import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, type ApiDependencies } from './app.module';
import { refuseDeepJson, validationPipe } from './errors/validation';
import { documentReadYourWrites } from './read-models/log-position';

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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Procurement Journey')
      .setDescription(
        'Socially responsible public procurement, from policy to termination, as an event-sourced engine.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  documentReadYourWrites(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
