import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../errors/request-errors';
import { IDENTITY } from '../infrastructure/tokens';
import { Public } from './auth.decorators';
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
}
