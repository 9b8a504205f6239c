import { GatewayConfig } from '@app/config';
import { AKINON_STATUS_MAP } from '@app/akinon';
import { FLEXPORT_STATUS_MAP } from '@app/flexport';
import { JOOM_V2_STATUS_MAP, JOOM_V3_STATUS_MAP } from '@app/joom';
import { DriftTables } from './drift.types';

/**
 * The adapters' own status tables, so the report reads statuses exactly as
 * sync does. Joom's table follows `JOOM_API_VERSION`; with Joom disabled the
 * loader's default version (v3) applies to whatever Joom orders are stored.
 */
export function driftTablesFor(config: GatewayConfig): DriftTables {
  const joomVersion = config.channels.joom?.apiVersion ?? 'v3';
  return {
    channels: { joom: joomVersion === 'v2' ? JOOM_V2_STATUS_MAP : JOOM_V3_STATUS_MAP, akinon: AKINON_STATUS_MAP },
    flexport: FLEXPORT_STATUS_MAP,
  };
}
