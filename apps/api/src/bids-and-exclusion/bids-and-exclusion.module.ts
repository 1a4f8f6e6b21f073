import { Module } from '@nestjs/common';
import { BidsAndExclusionController } from './bids-and-exclusion.controller';

@Module({ controllers: [BidsAndExclusionController] })
export class BidsAndExclusionModule {}
