import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { DriftMetric } from './drift-metric';
import { DriftReportController } from './drift-report.controller';
import { DriftReport } from './drift-report.service';

const REPORT_PROVIDERS = [DriftReport, DriftMetric];

/**
 * Read-only reports over the order store. Relies on the global StoreModule
 * and ConfigModule; MetricsModule is imported for its `Registry` (the same
 * module instance the api already has).
 */
@Module({
  imports: [MetricsModule],
  controllers: [DriftReportController],
  providers: REPORT_PROVIDERS,
})
export class ReportsModule {}
