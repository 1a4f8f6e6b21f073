import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RoleNotAllowedError } from '../errors/request-errors';
import { PeopleDirectory } from '../notifications/people-directory';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { BearerTokens } from './bearer-tokens';
import type { Role } from './roles';
import { TokenRefusedError } from './token-refused';

/**
 * Global guard: a valid bearer token is required everywhere but @Public() endpoints, and the
 * caller's role must be one the endpoint allows. An endpoint that forgot @AllowRoles is closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: BearerTokens,
    private readonly people: PeopleDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new TokenRefusedError('auth.token_missing', 'a bearer token is required');
    const caller = await this.tokens.callerOf(token);
    request.caller = caller;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(caller.role))
      throw new RoleNotAllowedError(caller.role, request.method, request.route?.path ?? request.url, allowed);
    // Recipients of notifications are resolved from the people who signed in (first request, or changed claims).
    await this.people.remember({
      organisationId: caller.organisationId,
      personId: caller.id,
      role: caller.role,
      ...(caller.name ? { name: caller.name } : {}),
      ...(caller.email ? { email: caller.email } : {}),
      ...(caller.locale ? { locale: caller.locale } : {}),
      ...(caller.supplierId ? { supplierId: caller.supplierId } : {}),
    });
    return true;
  }
}
