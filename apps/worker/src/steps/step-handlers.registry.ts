import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CHANNEL_CAPABILITIES, ChannelProfile, OrderAction } from '@app/orders';
import { STEP_NAMES, StepName } from '@app/queues';
import { STEP_HANDLERS, StepHandler } from './step-handler';

/** Which steps an action of a channel needs (mirrors planCommand; checked at boot). */
const STEPS_OF_ACTION: Record<OrderAction, StepName[]> = {
  'fulfill:tracking': ['fulfill-tracking'],
  'fulfill:online': ['fulfill-online'],
  'fulfill:flexport': ['flexport-create', 'flexport-refresh', 'push-tracking'],
  cancel: ['flexport-cancel', 'channel-cancel'],
  reject: ['channel-reject'],
  modify_tracking: ['modify-tracking'],
};

/**
 * The step handlers by name. Refuses to start when a step has no handler or
 * two, or when some command a channel supports needs a missing step — an
 * unknown job must fail loudly, never complete silently.
 */
@Injectable()
export class StepHandlerRegistry implements OnModuleInit {
  private readonly byStep = new Map<StepName, StepHandler>();

  constructor(@Inject(STEP_HANDLERS) handlers: StepHandler[]) {
    for (const handler of handlers) {
      if (this.byStep.has(handler.step)) throw new Error(`two handlers for step "${handler.step}"`);
      this.byStep.set(handler.step, handler);
    }
  }

  onModuleInit(): void {
    const missing = STEP_NAMES.filter((step) => !this.byStep.has(step));
    if (missing.length > 0) throw new Error(`no handler for step(s): ${missing.join(', ')}`);
    for (const [profile, actions] of Object.entries(CHANNEL_CAPABILITIES) as [ChannelProfile, readonly OrderAction[]][]) {
      for (const action of actions) {
        const unhandled = STEPS_OF_ACTION[action].filter((step) => !this.byStep.has(step));
        if (unhandled.length > 0) throw new Error(`${profile} supports ${action} but step(s) ${unhandled.join(', ')} have no handler`);
      }
    }
  }

  get(step: string): StepHandler | undefined {
    return this.byStep.get(step as StepName);
  }
}
