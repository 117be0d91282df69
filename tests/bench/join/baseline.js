// Baseline of the join-to-first-remote-frame bench: two bare RTCPeerConnections, same fake
// camera and microphone as the product, default configuration, direct in-page signaling.
// Media is captured before "Start" (the product's lobby preview has captured it before "Join"),
// with the product's own capture constraints, which the trial puts in window.__captureConstraints
// (a larger or faster camera would give the baseline more work and flatter the ratio).
(() => {
  const status = document.getElementById('status');
  const start = document.getElementById('start');
  const [videoAtB, videoAtA] = document.querySelectorAll('video[data-testid="tile-video"]');
  let streamA = null;
  let streamB = null;

  const prepare = async () => {
    const constraints = window.__captureConstraints;
    if (!constraints) throw new Error('no capture constraints: open this page through the bench trial');
    streamA = await navigator.mediaDevices.getUserMedia(constraints);
    streamB = await navigator.mediaDevices.getUserMedia(constraints);
    const s = streamA.getVideoTracks()[0].getSettings();
    status.dataset.video = `${s.width}x${s.height}@${Math.round(s.frameRate)}`;
    start.disabled = false;
    status.textContent = 'ready';
  };

  const connect = async () => {
    start.disabled = true;
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
    a.ontrack = (e) => { videoAtA.srcObject = e.streams[0]; };
    b.ontrack = (e) => { videoAtB.srcObject = e.streams[0]; };
    streamA.getTracks().forEach((t) => a.addTrack(t, streamA));
    streamB.getTracks().forEach((t) => b.addTrack(t, streamB));
    // The joiner offers, as a newcomer would.
    await b.setLocalDescription(await b.createOffer());
    await a.setRemoteDescription(b.localDescription);
    await a.setLocalDescription(await a.createAnswer());
    await b.setRemoteDescription(a.localDescription);
    status.textContent = 'connecting';
  };

  start.addEventListener('click', () => {
    connect().catch((e) => { status.textContent = `error: ${e}`; });
  });
  prepare().catch((e) => { status.textContent = `error: ${e}`; });
})();
