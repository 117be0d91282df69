// Draws the images the background-effects feature ships and tests with, in headless Chromium
// (canvas), so they are ours and reproducible: `node scripts/make-effect-images.mjs`.
//   renderer/public/backgrounds/{dusk,studio,shelves}.jpg  bundled virtual backgrounds (< 100 KB)
//   tests/fixtures/person-640x360.png                       a drawn head-and-shoulders figure on a striped wall
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const draw = {
  dusk(ctx, w, h) {
    const g = ctx.createLinearGradient(0, 0, 0, h);
    g.addColorStop(0, '#1d2b64'); g.addColorStop(0.55, '#8e4b8a'); g.addColorStop(1, '#f8a36b');
    ctx.fillStyle = g; ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#1a1530';
    ctx.beginPath(); ctx.moveTo(0, h);
    for (let x = 0; x <= w; x += 40) ctx.lineTo(x, h * 0.78 - 60 * Math.sin(x / 170) - 30 * Math.sin(x / 53));
    ctx.lineTo(w, h); ctx.fill();
  },
  studio(ctx, w, h) {
    const g = ctx.createRadialGradient(w * 0.5, h * 0.4, 40, w * 0.5, h * 0.5, w * 0.7);
    g.addColorStop(0, '#d9d4cc'); g.addColorStop(1, '#6f6a63');
    ctx.fillStyle = g; ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = 'rgba(0,0,0,0.12)'; ctx.fillRect(0, h * 0.82, w, h * 0.18);
  },
  shelves(ctx, w, h) {
    ctx.fillStyle = '#5b3a24'; ctx.fillRect(0, 0, w, h);
    const colours = ['#b23a48', '#2e86ab', '#f6ae2d', '#3f784c', '#e4e4e4', '#6c4f99'];
    let seed = 7; const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let row = 0; row < 4; row++) {
      const y = 20 + row * (h / 4);
      ctx.fillStyle = '#3b2416'; ctx.fillRect(0, y + h / 4 - 30, w, 12);
      for (let x = 10; x < w - 20;) {
        const bw = 14 + rnd() * 22, bh = h / 4 - 50 - rnd() * 30;
        ctx.fillStyle = colours[Math.floor(rnd() * colours.length)];
        ctx.fillRect(x, y + h / 4 - 30 - bh, bw, bh); x += bw + 3;
      }
    }
  },
  person(ctx, w, h) {
    // A striped wall in two exact colours: ground truth is "pixel has a wall colour", and blur visibly removes the stripes.
    ctx.fillStyle = '#3d8f7c'; ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#8fd0bd'; for (let x = 0; x < w; x += 32) ctx.fillRect(x, 0, 16, h);
    ctx.fillStyle = '#27324a'; // shirt: shoulders and chest
    ctx.beginPath(); ctx.moveTo(w * 0.22, h); ctx.bezierCurveTo(w * 0.24, h * 0.72, w * 0.34, h * 0.68, w * 0.44, h * 0.66);
    ctx.lineTo(w * 0.56, h * 0.66); ctx.bezierCurveTo(w * 0.66, h * 0.68, w * 0.76, h * 0.72, w * 0.78, h); ctx.fill();
    ctx.fillStyle = '#d9a47e'; // neck and face
    ctx.fillRect(w * 0.465, h * 0.52, w * 0.07, h * 0.16);
    ctx.beginPath(); ctx.ellipse(w * 0.5, h * 0.38, w * 0.075, h * 0.19, 0, 0, Math.PI * 2); ctx.fill();
    ctx.fillStyle = '#2b1d14'; // hair
    ctx.beginPath(); ctx.ellipse(w * 0.5, h * 0.28, w * 0.08, h * 0.11, 0, Math.PI, Math.PI * 2); ctx.fill();
    ctx.fillRect(w * 0.42, h * 0.27, w * 0.16, h * 0.04);
    ctx.fillStyle = '#1b1b1b'; // eyes and mouth
    for (const dx of [-0.028, 0.028]) { ctx.beginPath(); ctx.ellipse(w * (0.5 + dx), h * 0.37, 5, 3.5, 0, 0, Math.PI * 2); ctx.fill(); }
    ctx.fillStyle = '#8c4a3c'; ctx.fillRect(w * 0.48, h * 0.47, w * 0.04, 4);
  },
};

const jobs = [
  ['dusk', 'renderer/public/backgrounds/dusk.jpg', 1280, 720, 'image/jpeg'],
  ['studio', 'renderer/public/backgrounds/studio.jpg', 1280, 720, 'image/jpeg'],
  ['shelves', 'renderer/public/backgrounds/shelves.jpg', 1280, 720, 'image/jpeg'],
  ['person', 'tests/fixtures/person-640x360.png', 640, 360, 'image/png'],
];

const browser = await chromium.launch({ executablePath: process.env.CONFER_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, out, w, h, type] of jobs) {
  const dataUrl = await page.evaluate(
    ({ src, w, h, type }) => {
      const c = document.createElement('canvas');
      c.width = w; c.height = h;
      new Function('ctx', 'w', 'h', `(${src})(ctx, w, h)`)(c.getContext('2d'), w, h);
      return c.toDataURL(type, 0.8);
    },
    { src: draw[name].toString().replace(/^\w+\(/, 'function('), w, h, type },
  );
  writeFileSync(out, Buffer.from(dataUrl.split(',')[1], 'base64'));
  console.info(`${out}`);
}
await browser.close();
