import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../errors/request-errors';
import { IDENTITY } from '../infrastructure/tokens';
import { AllowRoles, CurrentCaller, Public } from './auth.decorators';
import { ROLES, type Caller } from './roles';
import type { IssuerSettings } from './bearer-tokens';

/** What a browser needs to sign in: where, as which client, asking for what. */
export class AuthConfigView {
  @ApiProperty({
    description: 'The OpenID Connect issuer (discovery at /.well-known/openid-configuration)',
    example: 'https://login.example.org/realms/stockholm',
  })
  issuer!: string;
  @ApiProperty({
    description: 'The web app: a public client using the authorization code flow with PKCE',
    example: 'procurement-journey-web',
  })
  clientId!: string;
  @ApiProperty({ description: 'Scopes to ask for', example: ['openid', 'profile', 'email', 'offline_access'] })
  scopes!: string[];
  @ApiProperty({
    description: 'The audience the API requires of access tokens (the resource to ask for)',
    example: 'procurement-journey',
  })
  audience!: string;
  @ApiProperty({
    description: 'Where the provider may send the browser back after sign-in',
    example: ['https://procurement.example.org/'],
  })
  redirectUris!: string[];
}

/** The caller as the API reads their token (through the claim mapping): what the web app shows and hides by. */
export class CallerView {
  @ApiProperty({ description: 'Subject of the token', example: 'stockholm-contract-manager' }) id!: string;
  @ApiProperty({ enum: ROLES, example: 'contract_manager' }) role!: string;
  @ApiProperty({ example: 'stockholm-county-council' }) organisationId!: string;
  @ApiPropertyOptional({ description: 'Suppliers: the supplier they answer for', example: null }) supplierId?: string;
  @ApiPropertyOptional({ description: 'Monitors: their factories', example: null }) factoryIds?: string[];
  @ApiPropertyOptional({ example: 'Anna Lindqvist' }) name?: string;
}

/** Before sign-in there is no token: the sign-in settings are public, and name no secret. */
@ApiTags('auth')
@Controller('auth')
export class AuthConfigController {
  constructor(@Optional() @Inject(IDENTITY) private readonly identity?: IssuerSettings) {}

  @Get('config')
  @Public()
  @ApiOperation({ summary: 'Sign-in settings for the web app: issuer, client id, scopes, audience' })
  @ApiOkResponse({ type: AuthConfigView, description: 'Sign in at this issuer as this client' })
  config(): AuthConfigView {
    if (!this.identity) throw new NotFoundError('identity provider', 'configuration');
    const { issuer, audience, webClient } = this.identity;
    return {
      issuer,
      clientId: webClient.clientId,
      scopes: [...webClient.scopes],
      audience,
      redirectUris: [...webClient.redirectUris],
    };
  }

  @Get('caller')
  @AllowRoles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer token says the caller is, read through the claim mapping' })
  @ApiOkResponse({ type: CallerView, description: 'The caller' })
  caller(@CurrentCaller() caller: Caller): CallerView {
    const { id, role, organisationId, supplierId, factoryIds, name } = caller;
    return {
      id,
      role,
      organisationId,
      ...(supplierId ? { supplierId } : {}),
      ...(factoryIds ? { factoryIds: [...factoryIds] } : {}),
      ...(name ? { name } : {}),
    };
  }
}
