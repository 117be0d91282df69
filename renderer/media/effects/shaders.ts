/** GLSL ES 3.0 sources for the compositor. Full-screen triangle; all textures are uploaded with FLIP_Y. */

export const VERTEX = `#version 300 es
out vec2 uv;
void main() {
  // One triangle covering the viewport: no vertex buffer needed.
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}`;

/** Separable 9-tap Gaussian along `dir` (in texels of the source); run at reduced resolution. */
export const BLUR = `#version 300 es
precision mediump float;
in vec2 uv;
uniform sampler2D src;
uniform vec2 dir;
out vec4 color;
const float W[5] = float[](0.2270270, 0.1945946, 0.1216216, 0.0540541, 0.0162162);
void main() {
  vec4 c = texture(src, uv) * W[0];
  for (int i = 1; i < 5; i++) {
    vec2 o = dir * float(i);
    c += (texture(src, uv + o) + texture(src, uv - o)) * W[i];
  }
  color = c;
}`;

/**
 * The final picture: person from the camera frame, background from the blurred frame or an image.
 * The 256x144 mask is upsampled bilinearly and feathered (3x3 average, then a smoothstep ramp) so
 * the edge follows hair and shoulders instead of stepping in mask-sized blocks.
 */
export const COMPOSITE = `#version 300 es
precision mediump float;
in vec2 uv;
uniform sampler2D frame;
uniform sampler2D background;
uniform sampler2D mask;
uniform vec2 maskTexel;
uniform vec4 bgTransform; // scale.xy, offset.xy: cover-fit of the background image
uniform vec2 edge;         // smoothstep range on the mask value
uniform int mode;          // 0 mask blend, 1 background only (blur-only degradation)
uniform int maskFlipY;     // 1 when the mask texture is top-down (ImageBitmap)
out vec4 color;
float confidence(vec4 t) { return t.r; }
void main() {
  vec4 bg = texture(background, uv * bgTransform.xy + bgTransform.zw);
  if (mode == 1) { color = vec4(bg.rgb, 1.0); return; }
  vec2 muv = maskFlipY == 1 ? vec2(uv.x, 1.0 - uv.y) : uv;
  float m = 0.0;
  for (int y = -1; y <= 1; y++)
    for (int x = -1; x <= 1; x++) m += confidence(texture(mask, muv + vec2(x, y) * maskTexel));
  m = smoothstep(edge.x, edge.y, m / 9.0);
  color = vec4(mix(bg.rgb, texture(frame, uv).rgb, m), 1.0);
}`;
