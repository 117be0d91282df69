import { Emitter } from '../../call/emitter';
import type { VideoEffect } from './effect';
import { EffectError } from './errors';
import { translate } from '../../i18n/translate';
import type { PipelineEvents } from './pipeline';
import { EFFECT_KEY, type EffectStore } from './settings';
import { VideoEffects, type PipelineHandle } from './video-effects';

const BLUR: VideoEffect = { kind: 'blur', strength: 'light' };
const STRONG: VideoEffect = { kind: 'blur', strength: 'strong' };
const OFF: VideoEffect = { kind: 'off' };
const track = (id: string) => ({ id, readyState: 'live' }) as unknown as MediaStreamTrack;

/** Records what VideoEffects asks of it; image effects whose src starts with 'bad:' fail to decode. */
class FakePipeline extends Emitter<PipelineEvents> implements PipelineHandle {
  readonly output: MediaStreamTrack;
  readonly level = 0 as const;
  readonly frameStats = { frames: 0, medianMs: NaN, p95Ms: NaN, fps: 0, segmentMs: NaN, segmentEvery: 1, level: 0 as const };
  source: MediaStreamTrack | null = null;
  stopped = false;
  constructor(
    readonly n: number,
    private readonly log: string[],
    readonly ready: (timeoutMs: number) => Promise<void> = () => Promise.resolve(),
  ) {
    super();
    this.output = track(`processed-${n}`);
  }
  setSource(t: MediaStreamTrack | null): void {
    this.source = t;
  }
  async setEffect(e: VideoEffect): Promise<void> {
    this.log.push(`setEffect#${this.n} ${e.kind === 'blur' ? e.strength : e.kind}`);
    await Promise.resolve();
    if (e.kind === 'image' && e.src.startsWith('bad:')) throw new EffectError('IMAGE_DECODE', 'bad image');
  }
  stop(): void {
    this.log.push(`stop#${this.n}`);
    this.stopped = true;
  }
}

function memoryStore(): EffectStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

/** A VideoEffects over fakes; `create` may be replaced to make pipeline starts slow or fail. */
function setup(store: EffectStore | null = memoryStore()) {
  const log: string[] = [];
  const made: FakePipeline[] = [];
  let create = async (): Promise<PipelineHandle> => {
    const p = new FakePipeline(made.length + 1, log);
    made.push(p);
    log.push(`create#${p.n}`);
    return p;
  };
  const fx = new VideoEffects(store, () => create());
  const outputChanged = jest.fn();
  fx.on('outputChanged', outputChanged);
  return { fx, log, made, store, outputChanged, setCreate: (fn: typeof create) => (create = fn) };
}

jest.spyOn(console, 'warn').mockImplementation(() => undefined);
jest.spyOn(console, 'info').mockImplementation(() => undefined);

describe('VideoEffects', () => {
  it('choosing an effect starts the pipeline on the camera, then emits outputChanged with the processed track', async () => {
    const { fx, made, outputChanged } = setup();
    const camera = track('camera');
    expect(fx.output(camera)).toBe(camera);
    await fx.apply(BLUR);
    expect(made).toHaveLength(1);
    expect(made[0].source).toBe(camera);
    expect(outputChanged).toHaveBeenCalledTimes(1);
    expect(fx.effect).toEqual(BLUR);
    expect(fx.output(camera)).toBe(made[0].output);
    expect(fx.error).toBeNull();
  });

  it('asked about its own output (the self view shows it), it never feeds the pipeline its own frames', async () => {
    const { fx, made } = setup();
    const camera = track('camera');
    fx.output(camera);
    await fx.apply(BLUR);
    expect(fx.output(made[0].output)).toBe(made[0].output);
    expect(made[0].source).toBe(camera);
  });

  it('swaps the output only once the pipeline reports ready (its warm-up frames produced)', async () => {
    const { fx, outputChanged, setCreate } = setup();
    let firstFrame!: () => void;
    const ready = () => new Promise<void>((r) => (firstFrame = r));
    setCreate(async () => new FakePipeline(1, [], ready));
    fx.output(track('camera'));
    const done = fx.apply(BLUR);
    await new Promise((r) => setTimeout(r, 0));
    expect(outputChanged).not.toHaveBeenCalled();
    expect(fx.busy).toBe(true);
    firstFrame();
    await done;
    expect(outputChanged).toHaveBeenCalledTimes(1);
    expect(fx.busy).toBe(false);
  });

  it('turning Off stops the pipeline and restores the camera track', async () => {
    const { fx, made, outputChanged } = setup();
    const camera = track('camera');
    fx.output(camera);
    await fx.apply(BLUR);
    await fx.apply(OFF);
    expect(made[0].stopped).toBe(true);
    expect(outputChanged).toHaveBeenCalledTimes(2);
    expect(fx.output(camera)).toBe(camera);
    expect(fx.effect).toEqual(OFF);
  });

  it('a bad user image leaves the current effect on and says why', async () => {
    const { fx, made, store } = setup();
    const camera = track('camera');
    fx.output(camera);
    await fx.apply(BLUR);
    await fx.applyFile(new File(['hello'], 'notes.png', { type: 'text/plain' }));
    expect(fx.error).toBe(translate('en', 'effects.error.IMAGE_NOT_IMAGE'));
    expect(fx.effect).toEqual(BLUR);
    await fx.apply({ kind: 'image', id: 'custom', src: 'bad:png' });
    expect(fx.error).toBe(translate('en', 'effects.error.IMAGE_DECODE'));
    expect(fx.effect).toEqual(BLUR);
    expect(made[0].stopped).toBe(false);
    expect(fx.output(camera)).toBe(made[0].output);
    expect(JSON.parse(store!.getItem(EFFECT_KEY)!)).toEqual(BLUR);
    await fx.apply(STRONG);
    expect(fx.error).toBeNull(); // the next successful change clears the message
  });

  it('a missing model gives a clear error and falls back to Off, remembering nothing', async () => {
    const { fx, outputChanged, store, setCreate } = setup();
    setCreate(() => Promise.reject(new EffectError('MODEL_MISSING', 'segmentation model not found (404)')));
    const camera = track('camera');
    fx.output(camera);
    await fx.apply(BLUR);
    expect(fx.error).toBe(translate('en', 'effects.error.MODEL_MISSING'));
    expect(fx.effect).toEqual(OFF);
    expect(fx.output(camera)).toBe(camera);
    expect(outputChanged).not.toHaveBeenCalled();
    expect(store!.getItem(EFFECT_KEY)).toBeNull();
    expect(fx.busy).toBe(false);
  });

  it('rapid on/off/on runs one change at a time, in order, ending with the last choice', async () => {
    const { fx, log, made, setCreate } = setup();
    const create = async (): Promise<PipelineHandle> => {
      log.push(`create#${made.length + 1} begins`);
      await new Promise((r) => setTimeout(r, 5)); // a slow model load: the next change must wait for it
      const p = new FakePipeline(made.length + 1, log);
      made.push(p);
      log.push(`create#${p.n} ends`);
      return p;
    };
    setCreate(create);
    const camera = track('camera');
    fx.output(camera);
    const all = [fx.apply(BLUR), fx.apply(OFF), fx.apply(STRONG)];
    expect(fx.busy).toBe(true);
    await Promise.all(all);
    expect(log).toEqual(['create#1 begins', 'create#1 ends', 'setEffect#1 light', 'stop#1', 'create#2 begins', 'create#2 ends', 'setEffect#2 strong']);
    expect(fx.effect).toEqual(STRONG);
    expect(fx.output(camera)).toBe(made[1].output);
    expect(fx.busy).toBe(false);
  });

  it('remembers the choice through the settings store, and Off too', async () => {
    const store = memoryStore();
    const { fx } = setup(store);
    await fx.apply(STRONG);
    expect(new VideoEffects(store).remembered).toEqual(STRONG);
    await fx.apply(OFF);
    expect(new VideoEffects(store).remembered).toEqual(OFF);
  });
});
