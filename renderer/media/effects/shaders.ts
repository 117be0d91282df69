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
 * The mask's feathering, once per new mask at mask size: a 3x3 average (the edge follows hair and
 * shoulders instead of stepping in mask-sized blocks), written upright (MediaPipe's ImageBitmap
 * masks arrive top-down). Bilinear sampling of this average equals averaging 9 bilinear samples
 * one mask texel apart, so doing it here instead of per output pixel changes no result.
 */
export const FEATHER = `#version 300 es
precision mediump float;
in vec2 uv;
uniform sampler2D mask;
uniform vec2 texel;
uniform int flipY;
out vec4 color;
void main() {
  vec2 muv = flipY == 1 ? vec2(uv.x, 1.0 - uv.y) : uv;
  float m = 0.0;
  for (int y = -1; y <= 1; y++)
    for (int x = -1; x <= 1; x++) m += texture(mask, muv + vec2(x, y) * texel).r;
  color = vec4(m / 9.0, 0.0, 0.0, 1.0);
}`;

/**
 * The final picture: person from the camera frame, background from the blurred frame or an image.
 * The feathered mask (FEATHER) is upsampled bilinearly and put through a smoothstep ramp.
 */
export const COMPOSITE = `#version 300 es
precision mediump float;
in vec2 uv;
uniform sampler2D frame;
uniform sampler2D background;
uniform sampler2D mask;    // feathered, upright
uniform vec4 bgTransform; // scale.xy, offset.xy: cover-fit of the background image
uniform vec2 edge;         // smoothstep range on the mask value
uniform int mode;          // 0 mask blend, 1 background only (blur-only degradation)
out vec4 color;
void main() {
  vec4 bg = texture(background, uv * bgTransform.xy + bgTransform.zw);
  if (mode == 1) { color = vec4(bg.rgb, 1.0); return; }
  float m = smoothstep(edge.x, edge.y, texture(mask, uv).r);
  color = vec4(mix(bg.rgb, texture(frame, uv).rgb, m), 1.0);
}`;
