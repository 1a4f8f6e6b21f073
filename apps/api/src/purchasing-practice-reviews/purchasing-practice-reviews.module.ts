import { Module } from '@nestjs/common';
import { PurchasingPracticeReviewsController } from './purchasing-practice-reviews.controller';

@Module({ controllers: [PurchasingPracticeReviewsController] })
export class PurchasingPracticeReviewsModule {}
