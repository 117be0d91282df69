// The browser compositor's page side (browser-compositor.ts): plays `n` people's tracks (p0.webm,
// p0.opus, ...), draws the cameras into a grid on a canvas at `fps`, mixes the voices with Web Audio
// and records both with MediaRecorder for `seconds`. Resolves with the recorded bytes.
window.composeInPage = async function composeInPage([n, seconds, width, height, fps]) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  const ac = new AudioContext();
  await ac.resume();
  const mix = ac.createMediaStreamDestination();
  const videos = [];
  for (let i = 0; i < n; i++) {
    const v = document.createElement('video');
    Object.assign(v, { src: `p${i}.webm`, muted: true, loop: true });
    await v.play();
    videos.push(v);
    const a = new Audio(`p${i}.opus`);
    a.loop = true;
    ac.createMediaElementSource(a).connect(mix);
    await a.play();
  }
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const cw = width / cols;
  const ch = height / rows;
  const draw = () => {
    g.fillStyle = '#202124';
    g.fillRect(0, 0, width, height);
    videos.forEach((v, i) => {
      const w = Math.min(cw, (ch * 16) / 9);
      const h = (w * 9) / 16;
      g.drawImage(v, (i % cols) * cw + (cw - w) / 2, Math.floor(i / cols) * ch + (ch - h) / 2, w, h);
    });
  };
  const stream = new MediaStream([...canvas.captureStream(fps).getVideoTracks(), ...mix.stream.getAudioTracks()]);
  const rec = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus', videoBitsPerSecond: 2_500_000 });
  let bytes = 0;
  rec.ondataavailable = (e) => (bytes += e.data.size);
  const stopped = new Promise((r) => (rec.onstop = r));
  const timer = setInterval(draw, 1000 / fps);
  rec.start(1000);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(timer);
  rec.stop();
  await stopped;
  return bytes;
};
