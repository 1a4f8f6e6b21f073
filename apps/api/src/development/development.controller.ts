import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { developmentClaims } from '../auth/development-tokens';
import { DevelopmentSession, DevelopmentSignInDto, DevelopmentUserView } from './development-sign-in.dto';
import { DEVELOPMENT_USERS, type DevelopmentUser } from './development-users';

const view = ({ id, name, role, organisationId, claims }: DevelopmentUser): DevelopmentUserView => ({
  id,
  name,
  role,
  organisationId,
  ...(claims.supplierId ? { supplierId: claims.supplierId } : {}),
  ...(claims.factories ? { factories: [...claims.factories] } : {}),
});

/**
 * Sign-in without an identity provider, for local runs and tests: registered only outside
 * production (NODE_ENV development or test), so it is not there at all where it would matter.
 */
@ApiTags('development')
@Controller('development')
export class DevelopmentController {
  constructor(private readonly jwt: JwtService) {}

  @Get('users')
  @Public()
  @ApiOperation({ summary: 'Development only: the users one can sign in as' })
  @ApiOkResponse({ type: [DevelopmentUserView], example: DEVELOPMENT_USERS.slice(0, 1).map(view) })
  users(): DevelopmentUserView[] {
    return DEVELOPMENT_USERS.map(view);
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Development only: a bearer token for one development user' })
  @ApiOkResponse({
    type: DevelopmentSession,
    example: { token: 'eyJhbGciOiJIUzI1NiJ9…', user: view(DEVELOPMENT_USERS[0]) },
  })
  signIn(@Body() { userId }: DevelopmentSignInDto): DevelopmentSession {
    const user = DEVELOPMENT_USERS.find((candidate) => candidate.id === userId)!;
    const token = this.jwt.sign(developmentClaims(user.role, user.organisationId, user.claims));
    return { token, user: view(user) };
  }
}
