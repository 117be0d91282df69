/**
 * The network section's camera: Chromium's default fake camera draws a picture so cheap to code
 * that the call sent 248 kbit/s uncapped and no cap below 1 Mbit/s ever bound. This one is a test
 * card under moving grain (a dim room's webcam), 640x360 at 24 fps like the page asks for: the
 * encoder wants more than the product lets it send, so a cap is what sets the rate.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Two seconds of it as a y4m that Chromium loops (`--use-file-for-fake-video-capture`). */
export async function busyCamera(dir: string): Promise<string> {
  const y4m = join(dir, 'busy-640x360.y4m');
  const source = 'testsrc2=s=640x360:r=24,noise=alls=24:allf=t';
  await exec('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', '48', '-pix_fmt', 'yuv420p', y4m]);
  return y4m;
}
