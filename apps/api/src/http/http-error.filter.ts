import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendHttpError } from './http-errors.js';

/** REST routes answer errors (a guard's UNAUTHENTICATED, a service's BAD_USER_INPUT) in the JSON error shape. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendHttpError(http.getResponse<Response>(), err, http.getRequest<Request>());
  }
}
