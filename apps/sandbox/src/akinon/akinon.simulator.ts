import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { SeededRandom } from '../core/prng';
import { SimulatorBase } from '../core/simulator-base';
import { runAkinonAction } from './akinon.actions';
import { AkinonCommands } from './akinon.commands';
import { AkinonSettings } from './akinon.settings';
import { writeAkinonError } from './akinon.errors';
import { generateAkinonData } from './akinon.generator';
import { AkinonStore } from './akinon.store';

/** The Akinon simulator as the control plane and the fault injector see it. */
@Injectable()
export class AkinonSimulator extends SimulatorBase {
  readonly api = 'akinon' as const;
  private rng = new SeededRandom(1);

  constructor(
    private readonly store: AkinonStore,
    private readonly commands: AkinonCommands,
    private readonly settings: AkinonSettings,
  ) {
    super();
  }

  /** Seeding replaces the data and keeps the switches; only `reset()` restores them. */
  override seed(count: number, seed: number): void {
    this.store.clear();
    this.load(count, seed);
  }

  protected load(count: number, seed: number): void {
    this.store.load(generateAkinonData(count, seed));
    // A separate stream for orders created later, so they do not depend on how many were seeded.
    this.rng = new SeededRandom(seed ^ 0x5eed);
  }

  reset(): void {
    this.store.clear();
    this.settings.restore();
  }

  act(action: string, params: Record<string, unknown>): unknown {
    if (action === 'configure') return this.settings.configure(params);
    return runAkinonAction({ store: this.store, commands: this.commands, rng: this.rng }, action, params);
  }

  sendError(res: Response, status: number, message: string): void {
    writeAkinonError(res, status, { detail: message });
  }

  size(): number {
    return this.store.orders.size;
  }
}
