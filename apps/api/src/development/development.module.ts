import { Module } from '@nestjs/common';
import { DevelopmentController } from './development.controller';

/** Development sign-in; AppModule imports it only when not in production. */
@Module({ controllers: [DevelopmentController] })
export class DevelopmentModule {}
