import { AttentionCode } from '@app/orders';

/**
 * What resolves each attention code, in one line: what `GET /v1/attention`
 * answers beside each code. The README's runbook says the same at length.
 */
export const ATTENTION_ACTIONS: Record<AttentionCode, string> = {
  unmapped_status: 'check the order at the channel; the raw status is in attention.details — resolve once handled, or report the status to be mapped',
  status_regressed: 'check the order at the channel: it reported an earlier status than the gateway holds; resolve once the two agree',
  command_failed: 'read the reason; fix it (address, carrier, stock…) and retry the job (POST /v1/jobs/{jobId}/retry) or send a new command',
  fulfillment_error: 'fix the Flexport error named in attention.details, then fulfil via Flexport again (a new attempt) or cancel',
  cancel_refused: 'the provider refused the cancel (already shipped): handle it as a return, then resolve',
  remote_missing: 'the channel no longer returns the order: check it there; resolve once explained',
  carrier_unmapped: 'map the carrier (JOOM_CARRIER_MAP) or use a carrier on the channel’s list, then retry',
  amount_missing: 'the channel sent no amount: check the order there; the gateway never guesses money — resolve once checked',
  address_incomplete: 'correct the address (PUT /v1/orders/{id}/shipping-address), which clears the flag',
  partial_cancel_at_provider: 'some lines were cancelled at the channel while Flexport holds the order: adjust it at Flexport, then resolve',
  ship_by_at_risk: 'ship the order (POST /v1/orders/{id}/fulfill) or cancel it before its ship-by in attention.details, or the channel refunds it; the flag clears when it ships or is cancelled',
};
