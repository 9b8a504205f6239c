import { Logger } from '@nestjs/common';
import { RepeatingCheck } from './repeating-check';

describe('RepeatingCheck', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const quietLogger = () => {
    const logger = new Logger('test');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    return { logger, warn };
  };

  it('skips a tick while the previous run is still going, and stop() waits for that run', async () => {
    const { logger } = quietLogger();
    let runs = 0;
    let finish: () => void = () => undefined;
    const check = new RepeatingCheck(logger, 'slow check', () => {
      runs++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    check.start(100);
    await jest.advanceTimersByTimeAsync(350);
    expect(runs).toBe(1);

    let stopped = false;
    const stopping = check.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(500);
    expect(runs).toBe(1);
  });

  it('logs a failed run with its name and runs again at the next tick', async () => {
    const { logger, warn } = quietLogger();
    let runs = 0;
    const check = new RepeatingCheck(logger, 'ship-by check', async () => {
      runs++;
      if (runs === 1) throw new Error('Redis away');
    });
    check.start(100);
    await jest.advanceTimersByTimeAsync(250);
    expect(runs).toBe(2);
    expect(warn).toHaveBeenCalledWith('ship-by check failed: Redis away');
    await check.stop();
  });
});
