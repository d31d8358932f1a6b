// A bundled Worker (an esbuild output folder, `worker.js` plus its `.wasm` files) under miniflare:
// workerd on loopback, each `.wasm` a CompiledWasm module as wrangler uploads it. Shared by the
// bundler tests (builds.test.mjs) and the Hono integration test.

/** Starts the Worker in `dir/out`; the caller disposes of it (`await mf.dispose()`). */
export async function miniflareFor(dir) {
  const { join } = await import('node:path');
  const { Miniflare } = await import('miniflare');
  return new Miniflare({
    host: '127.0.0.1',
    port: 0,
    modules: true,
    modulesRoot: join(dir, 'out'),
    scriptPath: join(dir, 'out', 'worker.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2025-01-01',
  });
}
