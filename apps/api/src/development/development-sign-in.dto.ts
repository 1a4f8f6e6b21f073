import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ROLES } from '../auth/roles';
import { DEVELOPMENT_USERS } from './development-users';

const userIds = DEVELOPMENT_USERS.map((user) => user.id);

export class DevelopmentSignInDto {
  @ApiProperty({ description: 'One of GET /development/users', enum: userIds, example: userIds[0] })
  @IsIn(userIds)
  userId!: string;
}

export class DevelopmentUserView {
  @ApiProperty({ example: 'stockholm-county-council.contract_manager' }) id!: string;
  @ApiProperty({ example: 'stockholm county council contract manager' }) name!: string;
  @ApiProperty({ enum: ROLES, example: 'contract_manager' }) role!: string;
  @ApiProperty({ example: 'stockholm-county-council' }) organisationId!: string;
  @ApiPropertyOptional({ description: 'Suppliers: the supplier they answer for', example: 'dev-supplier' })
  supplierId?: string;
  @ApiPropertyOptional({ description: 'Monitors: their assigned factories', example: [] })
  factories?: string[];
}

export class DevelopmentSession {
  @ApiProperty({ description: 'Bearer token for the API (8 hours)', example: 'eyJhbGciOiJIUzI1NiJ9…' })
  token!: string;
  @ApiProperty({ type: DevelopmentUserView }) user!: DevelopmentUserView;
}
