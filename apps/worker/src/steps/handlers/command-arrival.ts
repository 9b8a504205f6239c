import { assertActionAllowed, CanonicalOrder, CapabilityUnsupportedError, CHANNEL_CAPABILITIES, ChannelProfile, OrderAction } from '@app/orders';

/**
 * Whether the order already is where a channel command leads, the way that
 * command would have put it there (a merchant shipment for tracking, a Joom
 * Logistics one for online, closed for cancel / reject).
 *
 * A step re-delivered after a crash finds exactly this when it had made the
 * remote change before dying and a sync brought that change in meanwhile.
 */
export function alreadyArrived(order: CanonicalOrder, action: OrderAction): boolean {
  switch (action) {
    case 'fulfill:tracking':
      return order.status === 'shipped' && order.fulfillment?.provider === 'merchant';
    case 'fulfill:online':
      return order.status === 'fulfilling' && order.fulfillment?.provider === 'joom_logistics';
    case 'cancel':
    case 'reject':
      return order.status === 'cancelled' || order.status === 'rejected';
    default:
      return false;
  }
}

/**
 * The step's own check that the order can still take the command, except
 * when a *re-run* (`rerun`: the step started before) finds the order already
 * where the command leads: its earlier attempt may have made the change and
 * a sync brought it in, and the state machine would refuse that
 * (`rejected → rejected`) and report a command that was carried out as
 * failed. A re-run's adapter reads the remote order before sending, so it
 * sends nothing when the effect is there (`alreadyDone`). On a first start
 * the arrival cannot be this step's work (another command or the channel
 * did it), so the usual check refuses it before any call.
 */
export function assertStepApplicable(order: CanonicalOrder, profile: ChannelProfile, action: OrderAction, rerun: boolean): void {
  if (!rerun || !alreadyArrived(order, action)) return assertActionAllowed(order, profile, action);
  if (!CHANNEL_CAPABILITIES[profile].includes(action)) throw new CapabilityUnsupportedError(profile, action);
}
