import { CanonicalOrder, isLiveAtFlexport, OrderAction } from '@app/orders';
import { CommandName, RemoteSystemName } from './queue-names';
import { StepName } from './step-jobs';

/** A step as the table names it: on the order's own channel, or on Flexport. */
interface PlanEntry {
  system: 'channel' | 'flexport';
  step: StepName;
}

export interface PlannedStep {
  system: RemoteSystemName;
  step: StepName;
}

interface ActionPlan {
  /** The external calls of the command, in order. */
  steps: readonly PlanEntry[];
  /** Replaces `steps` while the order is live at Flexport (isLiveAtFlexport). */
  whileAtFlexport?: readonly PlanEntry[];
  /** Steps the gateway adds by itself later (a Flexport shipment's refresh, the tracking push). */
  followUps?: readonly PlanEntry[];
}

const onChannel = (step: StepName): PlanEntry => ({ system: 'channel', step });
const onFlexport = (step: StepName): PlanEntry => ({ system: 'flexport', step });

/**
 * Every command as the calls it makes: the one table the planner, the
 * worker's boot check (every step a channel's actions need has a handler)
 * and the job view read. Fulfil via Flexport creates the Flexport order (the
 * tracking goes back to the channel later, when it ships); cancelling an
 * order live at Flexport cancels there FIRST, so a refusal (already shipped)
 * stops the channel cancel.
 */
export const COMMAND_PLANS: Record<OrderAction, ActionPlan> = {
  'fulfill:tracking': { steps: [onChannel('fulfill-tracking')] },
  'fulfill:online': { steps: [onChannel('fulfill-online')] },
  'fulfill:flexport': { steps: [onFlexport('flexport-create')], followUps: [onFlexport('flexport-refresh'), onChannel('push-tracking')] },
  cancel: { steps: [onChannel('channel-cancel')], whileAtFlexport: [onFlexport('flexport-cancel'), onChannel('channel-cancel')] },
  reject: { steps: [onChannel('channel-reject')] },
  // Only a merchant's own shipment can be modified (ACTION_RULES), so the channel is the one call.
  modify_tracking: { steps: [onChannel('modify-tracking')] },
};

/** Every step an action can need, follow-ups included (what a worker must have a handler for). */
export function stepsOfAction(action: OrderAction): StepName[] {
  const plan = COMMAND_PLANS[action];
  return [...plan.steps, ...(plan.whileAtFlexport ?? []), ...(plan.followUps ?? [])].map((entry) => entry.step);
}

/** The state-machine action a command asks for (`fulfill:<mode>`, `cancel`, `reject`, `modify_tracking`). */
export function actionOf(name: CommandName, body: object): OrderAction {
  switch (name) {
    case 'fulfill':
      return `fulfill:${(body as { mode: string }).mode}` as OrderAction;
    case 'modify-tracking':
      return 'modify_tracking';
    default:
      return name;
  }
}

/** What a command does to this order: the external calls it needs, in order (pure, tested on its own). */
export function planCommand(order: CanonicalOrder, name: CommandName, body: object): PlannedStep[] {
  const plan = COMMAND_PLANS[actionOf(name, body)];
  const entries = plan.whileAtFlexport && isLiveAtFlexport(order) ? plan.whileAtFlexport : plan.steps;
  if (entries.length === 0) throw new Error(`no plan for ${name} ${JSON.stringify(body)}`);
  return entries.map((entry) => ({ system: entry.system === 'channel' ? (order.channel as RemoteSystemName) : 'flexport', step: entry.step }));
}
