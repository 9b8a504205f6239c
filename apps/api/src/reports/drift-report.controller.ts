import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { DriftReport } from './drift-report.service';
import { DriftPageDto } from './dto/drift-report.dto';
import { DEFAULT_DRIFT_PAGE_SIZE, DriftReportQuery } from './dto/drift-report.query';

@ApiTags('reports')
@ApiBearerAuth('api-key')
@Controller('v1/reports')
export class DriftReportController {
  constructor(private readonly report: DriftReport) {}

  @Get('drift')
  @ApiOperation({
    summary: 'Orders out of step with their channel or Flexport',
    description:
      'Orders whose canonical status disagrees with the status last seen on the channel or at Flexport (e.g. shipped at Flexport but not on Joom), ' +
      'one item per order and kind, in listing order. Read from the store only. A request examines at most 5,000 orders: follow `nextCursor` until it is null. ' +
      '`/metrics` exposes the counts as `gateway_drift_orders{kind}`.',
  })
  @ApiOkResponse({ type: DriftPageDto })
  @ApiErrorResponses(400, 401, 503)
  list(@Query() query: DriftReportQuery): Promise<DriftPageDto> {
    return this.report.list({ ...query, limit: query.limit ?? DEFAULT_DRIFT_PAGE_SIZE });
  }
}
