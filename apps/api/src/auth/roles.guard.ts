import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  applyDecorators,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError, ErrorCode } from '@app/core';
import { ANONYMOUS, type Role, type Viewer } from '@app/domain';

const ROLES_KEY = 'requiredRoles';

/** Checks the caller's role; anonymous callers get UNAUTHENTICATED, others without the role FORBIDDEN. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const viewer: Viewer =
      context.getType<string>() === 'graphql'
        ? (GqlExecutionContext.create(context).getContext<{ viewer?: Viewer }>().viewer ??
          ANONYMOUS)
        : (context.switchToHttp().getRequest<{ viewer?: Viewer }>().viewer ?? ANONYMOUS);
    if (viewer.role === 'ANONYMOUS') {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        'This needs an API key: send Authorization: Bearer <key>',
      );
    }
    if (!roles.includes(viewer.role)) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `This needs the role ${roles.join(' or ')}; your key has ${viewer.role}`,
      );
    }
    return true;
  }
}

/** Only callers whose key has one of these roles. */
export function RequireRole(...roles: Role[]) {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(RolesGuard));
}

export const Editors = () => RequireRole('EDITOR', 'ADMIN');
