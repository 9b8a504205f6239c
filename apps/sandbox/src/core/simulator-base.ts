import { Inject, OnModuleInit } from '@nestjs/common';
import type { Response } from 'express';
import { SandboxApi, Simulator } from './simulator';
import { SimulatorRegistry } from './simulator-registry';

/**
 * What every simulator does the same way: it registers itself when its module
 * starts (seeding at boot is SandboxModule's job, so composed test apps start
 * empty), and `seed()` always starts from `reset()`, so a reseed can never
 * keep state from before. A subclass says only what is specific to its API.
 */
export abstract class SimulatorBase implements Simulator, OnModuleInit {
  abstract readonly api: SandboxApi;

  // Property injection, so subclasses need not pass the registry through super().
  @Inject(SimulatorRegistry) private readonly registry: SimulatorRegistry;

  onModuleInit(): void {
    this.registry.register(this);
  }

  seed(count: number, seed: number): void {
    this.reset();
    this.load(count, seed);
  }

  /** Fills the just-reset simulator with `count` orders generated from `seed`. */
  protected abstract load(count: number, seed: number): void;

  abstract reset(): void;

  abstract act(action: string, params: Record<string, unknown>): unknown;

  abstract sendError(res: Response, status: number, message: string): void;

  /** Plain `Retry-After` in whole seconds, as HTTP requires; an API with its own quota headers overrides this. */
  rateLimitHeaders(retryAfterSeconds: number): Record<string, string> {
    return { 'Retry-After': String(Math.max(0, Math.ceil(retryAfterSeconds))) };
  }

  abstract size(): number;
}
