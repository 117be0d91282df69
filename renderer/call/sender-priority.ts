/**
 * Sender parameters that protect audio: audio encodings marked high priority (bitrate share and
 * DSCP), and the video trade-off under pressure (the camera keeps its motion balanced with its
 * detail, a screen share keeps its resolution so text stays readable and drops frame rate).
 */

export type SenderRole = 'audio' | 'camera' | 'share';

/** Degradation preference per video role (audio has none). */
export const DEGRADATION: Record<Exclude<SenderRole, 'audio'>, RTCDegradationPreference> = {
  camera: 'balanced',
  share: 'maintain-resolution',
};

type Encoding = RTCRtpEncodingParameters & { networkPriority?: RTCPriorityType };
type Params = RTCRtpSendParameters & { degradationPreference?: RTCDegradationPreference };

/** The parameters to set for a sender in `role`; `params` is what getParameters() returned (not changed). */
export function protectedParameters(params: RTCRtpSendParameters, role: SenderRole): RTCRtpSendParameters {
  const next: Params = { ...params, encodings: params.encodings.map((e) => ({ ...e })) };
  if (role === 'audio') {
    for (const e of next.encodings as Encoding[]) {
      e.priority = 'high';
      e.networkPriority = 'high';
    }
  } else {
    next.degradationPreference = DEGRADATION[role];
  }
  return next;
}

/** Applies protectedParameters to a live sender. Resolves false when the browser refuses (nothing changed). */
export async function protectSender(sender: RTCRtpSender, role: SenderRole): Promise<boolean> {
  const params = sender.getParameters();
  if (!params.encodings || params.encodings.length === 0) return false;
  try {
    await sender.setParameters(protectedParameters(params, role));
    return true;
  } catch {
    return false;
  }
}
