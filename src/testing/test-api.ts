/** The four functions of a mocha-style runner that the conformance suites register with. */
export interface TestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: (this: { skip?(): void } | undefined) => unknown): void;
  beforeEach(body: () => unknown): void;
  afterEach(body: () => unknown): void;
}

/**
 * The runner's globals. The suites take them from `globalThis` rather than importing a runner, so
 * that a third party runs them under its own mocha, jest, vitest (`globals: true`) or
 * @web/test-runner; outside one of them, this names what is missing instead of a bare ReferenceError.
 */
export function testApi(): TestApi {
  const global = globalThis as Partial<Record<keyof TestApi, unknown>>;
  const missing = (['describe', 'it', 'beforeEach', 'afterEach'] as const).filter(
    (name) => typeof global[name] !== 'function',
  );
  if (missing.length > 0) {
    throw new Error(
      `softphone-bridge/testing: no ${missing.join(', ')} in scope; call the suite from a test file run by mocha, jest, vitest (globals) or @web/test-runner.`,
    );
  }
  return global as unknown as TestApi;
}
