import { SYSTEM_CONCURRENCY, SystemSlots } from './system-slots';

describe('SystemSlots', () => {
  it('gives out at most SYSTEM_CONCURRENCY slots per system, each system counted apart', () => {
    const slots = new SystemSlots();
    for (let i = 0; i < SYSTEM_CONCURRENCY; i++) expect(slots.tryTake('joom')).toBe(true);
    expect(slots.tryTake('joom')).toBe(false);
    expect(slots.tryTake('akinon')).toBe(true);
    slots.release('joom');
    expect(slots.tryTake('joom')).toBe(true);
  });

  it('makes work wait for a slot, and hands a freed slot to the longest-waiting work before anyone can try-take it', async () => {
    const slots = new SystemSlots();
    for (let i = 0; i < SYSTEM_CONCURRENCY; i++) slots.tryTake('joom');
    const order: string[] = [];
    const first = slots.run('joom', async () => void order.push('first'));
    const second = slots.run('joom', async () => void order.push('second'));
    await Promise.resolve();
    expect(order).toEqual([]);

    slots.release('joom');
    expect(slots.tryTake('joom')).toBe(false); // the slot went to `first`, not back to the pool
    await first;
    await second; // `first` handed its slot on when it finished
    expect(order).toEqual(['first', 'second']);
    expect(slots.taken('joom')).toBe(SYSTEM_CONCURRENCY - 1);
  });

  it('lets a bounded wait give up in time, leaving the queue of waiters to those still waiting', async () => {
    jest.useFakeTimers();
    try {
      const slots = new SystemSlots();
      for (let i = 0; i < SYSTEM_CONCURRENCY; i++) slots.tryTake('joom');
      const impatient = slots.take('joom', 50);
      const patient = slots.take('joom');
      jest.advanceTimersByTime(50);
      expect(await impatient).toBe(false);

      slots.release('joom');
      expect(await patient).toBe(true); // the freed slot skipped the waiter that gave up
      expect(slots.taken('joom')).toBe(SYSTEM_CONCURRENCY);

      const inTime = slots.take('joom', 50);
      slots.release('joom');
      expect(await inTime).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('frees the slot when the work fails', async () => {
    const slots = new SystemSlots();
    await expect(slots.run('flexport', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(slots.taken('flexport')).toBe(0);
  });
});
