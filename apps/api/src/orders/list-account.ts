import { accountsOf, GatewayConfig } from '@app/config';
import { Channel } from '@app/orders';
import { validationFailed } from '../http/validation';

/**
 * Refuses a list filter by an account the gateway does not have (400 naming
 * `account`), rather than answering an empty page a typo would look like
 * (docs/api-decisions.md AC-7). `main` is always one: the environment's
 * account, also of a channel configured no more and of Flexport's orders.
 */
export function assertListAccount(query: { channel?: Channel; account?: string }, config: GatewayConfig): void {
  if (query.account === undefined) return;
  const channels: Channel[] = query.channel ? [query.channel] : ['joom', 'akinon', 'flexport'];
  const known = new Set(['main', ...channels.flatMap((channel) => (channel === 'flexport' ? [] : accountsOf(config, channel).map((entry) => entry.account)))]);
  if (known.has(query.account)) return;
  const where = query.channel ? `channel ${query.channel}` : 'any channel';
  throw validationFailed([{ field: 'account', problems: [`account "${query.account}" is not an account of ${where} (known: ${[...known].join(', ')})`] }]);
}
