/** The preload's schemas must not probe `new Function` (a CSP violation under the app's policy). */

type ZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

/** Loads fresh copies of `modules`, parses with every bridge schema, and counts Function constructions. */
async function functionConstructions(load: () => Promise<void>): Promise<number> {
  const RealFunction = globalThis.Function;
  let constructed = 0;
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args) {
      constructed++;
      return Reflect.construct(target, args);
    },
  });
  try {
    await jest.isolateModulesAsync(load);
  } finally {
    globalThis.Function = RealFunction;
  }
  return constructed;
}

async function buildAndParse(): Promise<void> {
  const picker = await import('../../protocol/ipc/picker');
  const tray = await import('../../protocol/ipc/tray');
  await import('./desktop-api');
  picker.PickerOpenSchema.parse({ requestId: 'req-0000-0001', audioOffered: false });
  tray.CallStateSchema.parse({ inCall: true, muted: false });
}

describe('zod in the preload', () => {
  const config = () => ((globalThis as ZodGlobal).__zod_globalConfig ??= {});
  afterEach(() => {
    delete config().jitless;
  });

  it('probes new Function when nothing turns the JIT off (so this test can see it)', async () => {
    delete config().jitless;
    expect(await functionConstructions(buildAndParse)).toBeGreaterThan(0);
  });

  it('never constructs a Function once zod-jitless is imported first, as the preload does', async () => {
    delete config().jitless;
    const count = await functionConstructions(async () => {
      await import('./zod-jitless');
      await buildAndParse();
    });
    expect(count).toBe(0);
  });
});

describe('preload', () => {
  it('imports zod-jitless before anything else', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(`${__dirname}/../preload.ts`, 'utf8');
    const imports = [...source.matchAll(/^import\s+(?:[^'"]*from\s+)?'([^']+)'/gm)].map((m) => m[1]);
    expect(imports[0]).toBe('./ipc/zod-jitless');
  });
});
