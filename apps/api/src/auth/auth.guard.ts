import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { RoleNotAllowedError } from '../errors/request-errors';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { ROLES, type Caller, type Role } from './roles';

interface TokenClaims {
  exp?: unknown;
  sub?: unknown;
  role?: unknown;
  org?: unknown;
  /** Suppliers: the supplier they answer for. */
  supplierId?: unknown;
  /** Monitors: the factories they are assigned to. */
  factories?: unknown;
}

/** A claim that names someone: a non-blank string. */
const isName = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

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
    const { exp, sub, role, org, supplierId, factories } = claims;
    // jsonwebtoken checks exp only when present: a token without one would be valid forever.
    if (typeof exp !== 'number') throw new UnauthorizedException('the bearer token has no expiry (exp)');
    if (!isName(sub) || !isName(org) || !ROLES.includes(role as Role))
      throw new UnauthorizedException('the bearer token lacks sub, role or org');
    if (role === 'supplier' && !isName(supplierId))
      throw new UnauthorizedException('a supplier token names its supplierId');
    if (role === 'monitor' && !(Array.isArray(factories) && factories.every((f) => typeof f === 'string')))
      throw new UnauthorizedException('a monitor token lists the factories the monitor is assigned to');
    const caller: Caller = {
      id: sub,
      role: role as Role,
      organisationId: org,
      ...(role === 'supplier' ? { supplierId: supplierId as string } : {}),
      ...(role === 'monitor' ? { factoryIds: factories as string[] } : {}),
    };
    request.caller = caller;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(caller.role))
      throw new RoleNotAllowedError(caller.role, request.method, request.route?.path ?? request.url, allowed);
    return true;
  }
}
