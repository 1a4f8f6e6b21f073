import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Caller, Role } from './roles';

export const ROLES_KEY = Symbol('roles');
export const PUBLIC_KEY = Symbol('public');

/** The roles that may call an endpoint. Every endpoint has this or @Public(). */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** An endpoint without authentication (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => context.switchToHttp().getRequest().caller,
);
