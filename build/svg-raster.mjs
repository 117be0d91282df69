// Draws the app icon's SVG (build/icon.svg) into RGBA pixels without a dependency. It knows only
// what that file uses: <rect> (x, y, width, height, rx, ry) and <path> of absolute M, L, H, V and Z,
// filled with a #rgb or #rrggbb colour. Anything else is refused, so an icon redrawn with more
// fails the build instead of coming out wrong.

const SKIPPED = new Set(['svg', 'title', 'desc']);
const ALLOWED = {
  svg: ['xmlns', 'viewBox', 'width', 'height', 'role', 'aria-label'],
  rect: ['x', 'y', 'width', 'height', 'rx', 'ry', 'fill'],
  path: ['d', 'fill'],
};

function colour(fill = '#000') {
  if (fill === 'none') return null;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(fill)?.[1];
  if (!hex) throw new Error(`icon.svg: fill "${fill}" is not #rgb or #rrggbb`);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
}

function rect(a) {
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(a[k] ?? 0));
  const rx = Math.min(Number(a.rx ?? a.ry ?? 0), w / 2);
  const ry = Math.min(Number(a.ry ?? a.rx ?? 0), h / 2);
  const box = [x, y, x + w, y + h];
  return {
    box,
    inside(px, py) {
      if (px < x || px > x + w || py < y || py > y + h) return false;
      if (rx === 0 || ry === 0) return true;
      const cx = Math.min(Math.max(px, x + rx), x + w - rx);
      const cy = Math.min(Math.max(py, y + ry), y + h - ry);
      return ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1;
    },
  };
}

function path(a) {
  const tokens = (a.d ?? '').match(/[a-z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/gi) ?? [];
  const rings = [];
  let ring = null;
  let cmd = null;
  let x = 0;
  let y = 0;
  for (let i = 0; i < tokens.length; ) {
    if (/[a-z]/i.test(tokens[i])) cmd = tokens[i++];
    if (!'MLHVZ'.includes(cmd ?? '-')) throw new Error(`icon.svg: path command "${cmd}" (only absolute M, L, H, V, Z)`);
    const num = () => Number(tokens[i++]);
    if (cmd === 'Z') {
      ring = null;
      continue;
    }
    if (cmd === 'M') {
      [x, y] = [num(), num()];
      rings.push((ring = [[x, y]]));
      cmd = 'L'; // further pairs after M are lines
      continue;
    }
    if (cmd === 'L') [x, y] = [num(), num()];
    else if (cmd === 'H') x = num();
    else y = num();
    if (!ring) rings.push((ring = [[x, y]]));
    ring.push([x, y]);
  }
  const all = rings.flat();
  const box = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  return {
    box,
    inside(px, py) {
      let winding = 0; // nonzero, SVG's default fill rule
      for (const r of rings)
        for (let k = 0; k < r.length; k++) {
          const [x1, y1] = r[k];
          const [x2, y2] = r[(k + 1) % r.length];
          if (y1 <= py ? y2 > py : y2 <= py) {
            const side = (x2 - x1) * (py - y1) - (px - x1) * (y2 - y1);
            if (y2 > y1 && side > 0) winding++;
            else if (y2 <= y1 && side < 0) winding--;
          }
        }
      return winding !== 0;
    },
  };
}

/** The icon's view box and its filled shapes, in document order. */
export function parseSvg(text) {
  let viewBox = null;
  const shapes = [];
  for (const [, close, name, attrText] of text.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)\/?>/g)) {
    if (close) continue;
    if (!(name in ALLOWED) && !SKIPPED.has(name)) throw new Error(`icon.svg: <${name}> is not supported by build/svg-raster.mjs`);
    const attrs = Object.fromEntries([...attrText.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)].map(([, k, v]) => [k, v]));
    for (const k of Object.keys(attrs)) if (!(ALLOWED[name] ?? []).includes(k)) throw new Error(`icon.svg: ${k}= on <${name}> is not supported`);
    if (name === 'svg') viewBox = attrs.viewBox?.trim().split(/[\s,]+/).map(Number) ?? null;
    else if (name === 'rect' || name === 'path') {
      const fill = colour(attrs.fill);
      if (fill) shapes.push({ fill, ...(name === 'rect' ? rect(attrs) : path(attrs)) });
    }
  }
  if (!viewBox || viewBox.length !== 4 || viewBox.some((n) => !Number.isFinite(n))) throw new Error('icon.svg: the <svg> needs a viewBox');
  return { viewBox, shapes };
}

/**
 * RGBA pixels (straight alpha) of `size` x `size`, 4x4 samples a pixel. `viewBox` crops (default the
 * file's own); `paint` maps each shape's [r, g, b] to the colour drawn, or null to leave it out.
 */
export function rasterize(icon, size, { viewBox = icon.viewBox, paint = (rgb) => rgb } = {}) {
  const [vx, vy, vw, vh] = viewBox;
  const scale = Math.max(vw, vh) / size;
  const shapes = icon.shapes.map((s) => ({ ...s, fill: paint(s.fill) })).filter((s) => s.fill);
  const out = Buffer.alloc(size * size * 4);
  const N = 4;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0]; // premultiplied
      for (const s of shapes) {
        const [x0, y0, x1, y1] = s.box;
        if (vx + (px + 1) * scale < x0 || vx + px * scale > x1 || vy + (py + 1) * scale < y0 || vy + py * scale > y1) continue;
        let hits = 0;
        for (let sy = 0; sy < N; sy++)
          for (let sx = 0; sx < N; sx++) if (s.inside(vx + (px + (sx + 0.5) / N) * scale, vy + (py + (sy + 0.5) / N) * scale)) hits++;
        const c = hits / (N * N);
        [r, g, b, a] = [c * s.fill[0] + (1 - c) * r, c * s.fill[1] + (1 - c) * g, c * s.fill[2] + (1 - c) * b, c + (1 - c) * a];
      }
      const i = (py * size + px) * 4;
      if (a > 0) [out[i], out[i + 1], out[i + 2]] = [r / a, g / a, b / a].map(Math.round);
      out[i + 3] = Math.round(a * 255);
    }
  return out;
}
