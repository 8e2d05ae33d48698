import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Forbidden, NotFound, Unauthenticated } from '../errors';
import { ApiKeyStore, type Principal, type Role } from './api-keys';

const ROLES_KEY = 'settle:roles';
const PUBLIC_KEY = 'settle:public';

/** Which roles may call a route (docs/CONTRACT.md, "Auth"). A route without it admits any valid key. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Health, metrics and signed inbound webhooks: no API key. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Unauthenticated();
  return principal;
});

/**
 * A seller sees only its own resources; anything else is 404, not 403, so ids do not leak
 * (docs/CONTRACT.md). Other roles see every seller's.
 */
export function assertSellerScope(principal: Principal, sellerId: string, resource: string, id: string): void {
  if (principal.role === 'seller' && principal.sellerId !== sellerId) throw new NotFound(resource, id);
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [, key] = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '') ?? [];
    if (!key) throw new Unauthenticated();
    const principal = await this.keys.resolve(key);
    if (!principal) throw new Unauthenticated('The API key is unknown or revoked.');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new Forbidden(
        `This action needs one of the roles ${roles.join(', ')}; the key's role is ${principal.role}.`,
      );
    }
    return true;
  }
}
