import { InboundFlag } from './inbound-lines';
import { Money, OrderLine } from './order.types';

/**
 * Bad data from a channel is flagged on the order, never guessed: an amount
 * or currency the channel did not send (or sent as something other than a
 * decimal) is null on the canonical order, and the order carries
 * `amount_missing` naming the fields until a snapshot brings them
 * (docs/api-decisions.md JO-5). Checked on the order as it will be saved, so
 * a snapshot that simply omits money neither raises nor clears the flag.
 */
export function missingAmountFlag(money: Money, lines: readonly Pick<OrderLine, 'id' | 'unitPrice'>[]): InboundFlag | null {
  const missing = [
    ...(['currency', 'total', 'shipping', 'discounts'] as const).filter((key) => money[key] === null).map((key) => `money.${key}`),
    ...lines.filter((line) => line.unitPrice === null).map((line) => `lines[${line.id}].unitPrice`),
  ];
  if (missing.length === 0) return null;
  return { code: 'amount_missing', message: `The channel sent no usable ${missing.join(', ')}; left empty, not guessed`, details: { fields: missing } };
}
