import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../orders/dto/error-response.dto';
import { CommandRateLimit } from './command-rate-limit';

/** Counts the request against its caller's command rate limit; runs after ApiKeyGuard (a global guard) named the caller. */
@Injectable()
export class CommandRateLimitGuard implements CanActivate {
  constructor(private readonly limit: CommandRateLimit) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { callerId } = context.switchToHttp().getRequest<{ callerId?: string }>();
    await this.limit.take(callerId ?? 'anonymous');
    return true;
  }
}

/**
 * A route that queues work (a command, an address correction, a sync, a job
 * retry): under the caller's COMMAND_RATE_LIMIT_PER_MINUTE, documented with
 * its 429. Checked before the body is validated, so refused requests cost one
 * Redis round trip and queue nothing.
 */
export function RateLimitedCommand() {
  return applyDecorators(
    UseGuards(CommandRateLimitGuard),
    ApiResponse({
      status: 429,
      description: 'More command requests this minute than COMMAND_RATE_LIMIT_PER_MINUTE allows for this API key (`rate_limited`); nothing was queued.',
      type: ErrorResponseDto,
      headers: { 'Retry-After': { description: 'Seconds until the next window opens.', schema: { type: 'integer', minimum: 1 } } },
    }),
  );
}
