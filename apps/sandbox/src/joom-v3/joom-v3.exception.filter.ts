import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { JoomV3Error, sendV3Errors, v3CodeForStatus } from './joom-v3.errors';

/** Every v3 failure leaves as `{"errors":[…]}`, never Nest's default error body. */
@Catch()
export class JoomV3ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('JoomV3');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (error instanceof JoomV3Error) return sendV3Errors(res, error.status, [error.item()]);
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return sendV3Errors(res, status, [{ code: v3CodeForStatus(status), message: error.message }]);
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    sendV3Errors(res, 500, [{ code: 'internal_error', message: 'Internal error' }]);
  }
}
