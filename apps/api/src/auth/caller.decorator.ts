import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The authenticated caller's non-secret id (`api-key:<8 hex>`), set by ApiKeyGuard. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return context.switchToHttp().getRequest<{ callerId?: string }>().callerId ?? 'anonymous';
});
