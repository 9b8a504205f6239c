import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { bearerToken, tokensMatch } from '../core/tokens';
import { FlexportProblem } from './flexport.errors';

/** API versions are dates (`2024-04`); anything else is a path that does not exist. */
const VERSION = /^\d{4}-\d{2}(-\d{2})?$/;

/** `Authorization: Bearer <FLEXPORT_API_TOKEN>`, checked after the version segment of the path. */
@Injectable()
export class FlexportAuthGuard implements CanActivate {
  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!VERSION.test(String(req.params.version))) throw new FlexportProblem(404, `Unknown API version "${req.params.version}"`);
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new FlexportProblem(401, 'Missing or malformed Authorization header; expected "Bearer <token>"');
    if (!tokensMatch(token, this.config.flexportToken)) throw new FlexportProblem(401, 'Invalid access token');
    return true;
  }
}
