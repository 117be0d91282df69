/** Turning a sender's encodings on or off in place: setParameters, never a renegotiation. */

/** Sets every encoding of `sender` active or not; does nothing when they already are. */
export async function setEncodingsActive(sender: RTCRtpSender, active: boolean): Promise<void> {
  const params = sender.getParameters();
  if (!params.encodings?.length || params.encodings.every((e) => e.active === active)) return;
  params.encodings = params.encodings.map((e) => ({ ...e, active }));
  await sender.setParameters(params);
}
