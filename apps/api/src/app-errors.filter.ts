import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendHttpError } from './http/http-errors.js';

/**
 * The one global filter. GraphQL: hands every error to Apollo unchanged, where formatGraphQLError
 * maps domain errors to codes and logs (with its stack) and masks anything unexpected; without
 * this, Nest would log each client mistake (a BAD_USER_INPUT) as a server ERROR with a stack.
 * HTTP: the JSON error shape of sendHttpError.
 */
@Catch()
export class AppErrorsFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return err;
    const http = host.switchToHttp();
    sendHttpError(http.getResponse<Response>(), err, http.getRequest<Request>());
    return undefined;
  }
}
