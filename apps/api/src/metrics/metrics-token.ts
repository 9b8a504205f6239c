import { UnauthorizedException } from '@nestjs/common';
import { metricsScrapeRefusal } from '@app/common';

/** The api's `/metrics` guard: a 401 in the error shape when `metricsScrapeRefusal` says no (the worker's server shares the rule). */
export function authorizeMetricsScrape(token: string | null | undefined, authorization: string | undefined): void {
  const refusal = metricsScrapeRefusal(token, authorization);
  if (refusal) throw new UnauthorizedException({ code: 'unauthorized', message: refusal });
}
