import { loadSandboxConfig, storeConfigs } from './sandbox-config';

describe('SANDBOX_STORES (docs/api-decisions.md AC-6)', () => {
  it('one store on PORT by default', () => {
    const config = loadSandboxConfig({ PORT: '4100' });
    expect(storeConfigs(config).map(({ port, seed }) => ({ port, seed }))).toEqual([{ port: 4100, seed: 42 }]);
  });

  it('store i on PORT + i, seeded from SANDBOX_SEED + i, or all from SANDBOX_SEED with SANDBOX_STORE_SEEDS=same', () => {
    const distinct = storeConfigs(loadSandboxConfig({ PORT: '4100', SANDBOX_STORES: '3', SANDBOX_SEED: '7' }));
    expect(distinct.map(({ port, seed }) => ({ port, seed }))).toEqual([
      { port: 4100, seed: 7 },
      { port: 4101, seed: 8 },
      { port: 4102, seed: 9 },
    ]);
    const same = storeConfigs(loadSandboxConfig({ PORT: '4100', SANDBOX_STORES: '2', SANDBOX_SEED: '7', SANDBOX_STORE_SEEDS: 'same' }));
    expect(same.map(({ port, seed }) => ({ port, seed }))).toEqual([
      { port: 4100, seed: 7 },
      { port: 4101, seed: 7 },
    ]);
  });

  it.each([
    [{ SANDBOX_STORES: '0' }, /SANDBOX_STORES must be 1 to 16/],
    [{ SANDBOX_STORES: '17' }, /SANDBOX_STORES must be 1 to 16/],
    [{ SANDBOX_STORES: 'two' }, /SANDBOX_STORES must be a non-negative integer/],
    [{ PORT: '65535', SANDBOX_STORES: '2' }, /PORT \+ SANDBOX_STORES - 1 must be a port/],
    [{ SANDBOX_STORE_SEEDS: 'random' }, /SANDBOX_STORE_SEEDS must be distinct or same/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadSandboxConfig(env)).toThrow(message);
  });
});
