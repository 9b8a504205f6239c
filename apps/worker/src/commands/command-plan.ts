import { CanonicalOrder } from '@app/orders';
import { CommandJob, PlannedStep, RemoteSystemName } from '@app/queues';

/**
 * What a command does, as the list of external calls it needs, in order —
 * pure, so it is tested on its own. Fulfil-via-Flexport creates the Flexport
 * order (the tracking goes back to the channel later, when it ships);
 * cancelling an order routed to Flexport cancels at Flexport FIRST, so a
 * refusal there (already shipped) stops the channel cancel.
 */
export function planCommand(order: CanonicalOrder, command: CommandJob): PlannedStep[] {
  const channel = order.channel as RemoteSystemName;
  switch (command.name) {
    case 'fulfill':
      switch (command.data.mode) {
        case 'tracking':
          return [{ system: channel, step: 'fulfill-tracking' }];
        case 'online':
          return [{ system: channel, step: 'fulfill-online' }];
        case 'flexport':
          return [{ system: 'flexport', step: 'flexport-create' }];
      }
      break;
    case 'cancel':
      return isLiveAtFlexport(order)
        ? [
            { system: 'flexport', step: 'flexport-cancel' },
            { system: channel, step: 'channel-cancel' },
          ]
        : [{ system: channel, step: 'channel-cancel' }];
    case 'reject':
      return [{ system: channel, step: 'channel-reject' }];
    // Only a merchant's own shipment can be modified (ACTION_RULES), so the channel is the one call.
    case 'modify-tracking':
      return [{ system: channel, step: 'modify-tracking' }];
  }
  throw new Error(`no plan for ${JSON.stringify(command)}`);
}

export function isLiveAtFlexport(order: CanonicalOrder): boolean {
  return order.fulfillment?.provider === 'flexport' && !!order.fulfillment.providerOrderId && order.fulfillment.providerStatus !== 'CANCELLED';
}
