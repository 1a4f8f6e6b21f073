import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { ROLES, type Caller, type Role } from './roles';

interface TokenClaims {
  sub?: unknown;
  role?: unknown;
  org?: unknown;
}

/**
 * Global guard: a valid bearer token is required everywhere but @Public() endpoints, and the
 * caller's role must be one the endpoint allows. An endpoint that forgot @AllowRoles is closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new UnauthorizedException('a bearer token is required');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch {
      throw new UnauthorizedException('the bearer token is invalid or expired');
    }
    const { sub, role, org } = claims;
    if (typeof sub !== 'string' || typeof org !== 'string' || !ROLES.includes(role as Role))
      throw new UnauthorizedException('the bearer token lacks sub, role or org');
    const caller: Caller = { id: sub, role: role as Role, organisationId: org };
    request.caller = caller;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(caller.role))
      throw new ForbiddenException(`the role ${caller.role} may not ${request.method} ${request.route?.path ?? request.url}`);
    return true;
  }
}
