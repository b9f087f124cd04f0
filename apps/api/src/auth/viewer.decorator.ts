import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ANONYMOUS, type Viewer } from '@app/domain';

/** The caller, as authenticated by the API-key middleware. */
export const CurrentViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Viewer => {
    if (context.getType<string>() === 'graphql') {
      return (
        GqlExecutionContext.create(context).getContext<{ viewer?: Viewer }>().viewer ?? ANONYMOUS
      );
    }
    return context.switchToHttp().getRequest<{ viewer?: Viewer }>().viewer ?? ANONYMOUS;
  },
);
