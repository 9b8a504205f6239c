import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { JoomV2Error, sendV2Envelope, V2_CODE, v2CodeForStatus } from './joom-v2.errors';

/** Every v2 failure leaves as the document's envelope, never Nest's default error body. */
@Catch()
export class JoomV2ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('JoomV2');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (error instanceof JoomV2Error) {
      return sendV2Envelope(res, error.httpStatus, { code: error.code, data: error.data, message: error.message });
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return sendV2Envelope(res, status, { code: v2CodeForStatus(status), data: {}, message: error.message });
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    sendV2Envelope(res, 500, { code: V2_CODE.internal, data: {}, message: 'Internal error' });
  }
}
