/**
 * WebGL2 compositing of one frame: camera frame + person mask + background (blurred frame or
 * image) into `canvas`. Blur runs at 1/4 or 1/6 resolution (cheap, and a downscaled blur is
 * blurrier anyway). In headless Chromium WebGL is SwiftShader (software): slower, same results.
 */
import { BLUR, COMPOSITE, FEATHER, VERTEX } from './shaders';
import { EffectError } from './errors';
import type { Mask } from './segmenter';

export type Background = { kind: 'blur'; strength: 'light' | 'strong' } | { kind: 'image' };
/** What the frame source gives us; all are valid texImage2D sources in Chromium. */
export type FrameImage = VideoFrame | HTMLVideoElement;

interface Target { tex: WebGLTexture; fbo: WebGLFramebuffer; w: number; h: number }

export class Compositor {
  readonly canvas = document.createElement('canvas');
  private readonly gl: WebGL2RenderingContext;
  private readonly blurProg: WebGLProgram;
  private readonly compProg: WebGLProgram;
  private readonly featherProg: WebGLProgram;
  private readonly frameTex: WebGLTexture;
  private readonly maskTex: WebGLTexture;
  private readonly imageTex: WebGLTexture;
  private targets: Target[] = [];
  /** The feathered mask (FEATHER), upright, at the mask's size. */
  private feathered: Target | null = null;
  private imageSize = { w: 1, h: 1 };
  // WebGL ignores UNPACK_FLIP_Y for ImageBitmap sources (MediaPipe's masks, decoded backgrounds):
  // those arrive top-down and are flipped when sampled instead.
  private imageFlipped = false;

  constructor() {
    const gl = this.canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, preserveDrawingBuffer: false });
    if (!gl) throw new EffectError('UNSUPPORTED', 'WebGL2 unavailable');
    this.gl = gl;
    this.blurProg = this.program(BLUR);
    this.compProg = this.program(COMPOSITE);
    this.featherProg = this.program(FEATHER);
    [this.frameTex, this.maskTex, this.imageTex] = [this.texture(), this.texture(), this.texture()];
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, true);
  }

  /** Takes a new person mask (uploaded and feathered at once, so the caller may close it afterwards). */
  setMask(mask: Mask): void {
    const gl = this.gl;
    gl.bindTexture(gl.TEXTURE_2D, this.maskTex);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, mask);
    const { width: w, height: h } = mask;
    if (this.feathered?.w !== w || this.feathered.h !== h) {
      if (this.feathered) this.deleteTarget(this.feathered);
      this.feathered = this.target(w, h);
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.feathered.fbo);
    gl.viewport(0, 0, w, h);
    gl.useProgram(this.featherProg);
    this.bind(this.featherProg, 'mask', 0, this.maskTex);
    gl.uniform2f(gl.getUniformLocation(this.featherProg, 'texel'), 1 / w, 1 / h);
    gl.uniform1i(gl.getUniformLocation(this.featherProg, 'flipY'), typeof ImageBitmap !== 'undefined' && mask instanceof ImageBitmap ? 1 : 0);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    // Leave the canvas's own framebuffer bound: whatever reads the canvas between frames sees the picture.
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  }

  setImage(image: ImageBitmap): void {
    const gl = this.gl;
    gl.bindTexture(gl.TEXTURE_2D, this.imageTex);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, image);
    this.imageSize = { w: image.width, h: image.height };
    this.imageFlipped = true;
  }

  /** Draws one output frame. `maskless` (blur-only degradation, or no mask yet) blurs everything. */
  draw(frame: FrameImage, width: number, height: number, bg: Background, maskless: boolean): void {
    const gl = this.gl;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    gl.bindTexture(gl.TEXTURE_2D, this.frameTex);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, frame);
    const blurOnly = maskless || !this.feathered;
    // With an image, blur-only still blurs the camera frame: never show a sharp real background.
    const useBlur = bg.kind === 'blur' || blurOnly;
    let bgTex = this.imageTex;
    let transform = this.coverFit(width, height);
    if (this.imageFlipped) transform = [transform[0], -transform[1], transform[2], 1 - transform[3]];
    if (useBlur) {
      bgTex = this.blur(width, height, bg.kind === 'blur' ? bg.strength : 'light');
      transform = [1, 1, 0, 0];
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, width, height);
    gl.useProgram(this.compProg);
    this.bind(this.compProg, 'frame', 0, this.frameTex);
    this.bind(this.compProg, 'background', 1, bgTex);
    this.bind(this.compProg, 'mask', 2, this.feathered?.tex ?? this.maskTex);
    const u = (n: string) => gl.getUniformLocation(this.compProg, n);
    gl.uniform4f(u('bgTransform'), transform[0], transform[1], transform[2], transform[3]);
    // Clothing often scores only 0.4-0.8 (measured on our drawn fixture; faces >0.8): a low ramp keeps it.
    gl.uniform2f(u('edge'), 0.2, 0.5);
    gl.uniform1i(u('mode'), blurOnly ? 1 : 0);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  /** Whether the GPU took the context away (then it can only be destroyed). */
  get lost(): boolean {
    return this.gl.isContextLost();
  }

  /** Forgets the last mask, so a new run composites nothing of the previous one. */
  reset(): void {
    if (this.feathered) this.deleteTarget(this.feathered);
    this.feathered = null;
  }

  /** Frees the GPU context now (browsers cap live contexts at ~16 per page). */
  destroy(): void {
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
    this.targets = [];
    this.feathered = null;
    this.canvas.width = this.canvas.height = 0;
  }

  /** Downscale + horizontal + vertical Gaussian; strong does a second, wider round. */
  private blur(width: number, height: number, strength: 'light' | 'strong'): WebGLTexture {
    const gl = this.gl;
    const scale = strength === 'light' ? 4 : 6;
    const [a, b] = this.ensureTargets(Math.max(1, Math.round(width / scale)), Math.max(1, Math.round(height / scale)));
    gl.useProgram(this.blurProg);
    gl.viewport(0, 0, a.w, a.h);
    const pass = (src: WebGLTexture, dst: Target, dx: number, dy: number) => {
      gl.bindFramebuffer(gl.FRAMEBUFFER, dst.fbo);
      this.bind(this.blurProg, 'src', 0, src);
      gl.uniform2f(gl.getUniformLocation(this.blurProg, 'dir'), dx / a.w, dy / a.h);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
    };
    const rounds = strength === 'light' ? [1.2] : [1.5, 3];
    let src = this.frameTex;
    for (const r of rounds) {
      pass(src, a, r, 0);
      pass(a.tex, b, 0, r);
      src = b.tex;
    }
    return b.tex;
  }

  private ensureTargets(w: number, h: number): Target[] {
    if (this.targets[0]?.w === w && this.targets[0]?.h === h) return this.targets;
    for (const t of this.targets) this.deleteTarget(t);
    this.targets = [this.target(w, h), this.target(w, h)];
    return this.targets;
  }

  /** A w x h texture to render into. */
  private target(w: number, h: number): Target {
    const gl = this.gl;
    const tex = this.texture();
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, w, h, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
    const fbo = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
    return { tex, fbo, w, h };
  }

  private deleteTarget(t: Target): void {
    this.gl.deleteTexture(t.tex);
    this.gl.deleteFramebuffer(t.fbo);
  }

  /** uv transform so the background image covers the frame without stretching (centre crop). */
  private coverFit(width: number, height: number): [number, number, number, number] {
    const frameAspect = width / height;
    const imageAspect = this.imageSize.w / this.imageSize.h;
    const sx = imageAspect > frameAspect ? frameAspect / imageAspect : 1;
    const sy = imageAspect > frameAspect ? 1 : imageAspect / frameAspect;
    return [sx, sy, (1 - sx) / 2, (1 - sy) / 2];
  }

  private bind(prog: WebGLProgram, name: string, unit: number, tex: WebGLTexture): void {
    const gl = this.gl;
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, tex);
    gl.uniform1i(gl.getUniformLocation(prog, name), unit);
  }

  private texture(): WebGLTexture {
    const gl = this.gl;
    const tex = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, tex);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    return tex;
  }

  private program(fragment: string): WebGLProgram {
    const gl = this.gl;
    const prog = gl.createProgram();
    for (const [type, src] of [[gl.VERTEX_SHADER, VERTEX], [gl.FRAGMENT_SHADER, fragment]] as const) {
      const sh = gl.createShader(type);
      if (!sh) throw new EffectError('UNSUPPORTED', 'createShader failed');
      gl.shaderSource(sh, src);
      gl.compileShader(sh);
      if (!gl.getShaderParameter(sh, gl.COMPILE_STATUS)) throw new EffectError('UNSUPPORTED', `shader: ${gl.getShaderInfoLog(sh)}`);
      gl.attachShader(prog, sh);
    }
    gl.linkProgram(prog);
    if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new EffectError('UNSUPPORTED', `program: ${gl.getProgramInfoLog(prog)}`);
    return prog;
  }
}

let idle: Compositor | null = null;

/**
 * A compositor for a new pipeline: the page's idle one when there is one. A new WebGL context pays
 * its shader compiles and first allocations on its first frame (300-490 ms measured in headless
 * Chromium, of the 600-900 ms from "blur on" to processed frames flowing), so turning the effect
 * off keeps the context for the next start, as the segmenter is kept (segmenter.ts).
 */
export function acquireCompositor(): Compositor {
  const c = idle;
  idle = null;
  return c && !c.lost ? c : new Compositor();
}

/** Gives a pipeline's compositor back: kept as the page's idle one, or destroyed when one is kept already. */
export function releaseCompositor(c: Compositor): void {
  if (idle === null && !c.lost) {
    c.reset();
    idle = c;
  } else c.destroy();
}
