/** `recording:start`, `recording:stop`, `recording:list`: hosts and co-hosts only, checked against the store. */
import { ErrorCode, fail, ok } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { actingHost, refused } from '../meetings/host-handlers';
import { recordingWatchChannel, type Recorder } from './recorder';

export function registerRecordingHandlers(ctx: ServerContext, recorder: Recorder, socket: ConferSocket, guard: EventGuard): void {
  // Every connection of the meeting, in the lobby too, hears when recording starts or stops.
  const room = socket.data.room;
  void socket.join(recordingWatchChannel(room));
  if (recorder.state(room).active) socket.emit('recording:state', recorder.state(room));

  guard.on('recording:start', async () => {
    if (!ctx.config.recording.enabled) return fail(ErrorCode.RecordingDisabled, 'recording is turned off on this server');
    const me = await actingHost(ctx, socket);
    if (refused(me)) return me;
    return recorder.start(room, me);
  });

  guard.on('recording:stop', async () => {
    const me = await actingHost(ctx, socket);
    if (refused(me)) return me;
    return ok(await recorder.stop(room));
  });

  guard.on('recording:list', async () => {
    const me = await actingHost(ctx, socket);
    if (refused(me)) return me;
    return ok(await recorder.list(room));
  });
}
