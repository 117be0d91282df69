import { applyWebrtcFieldTrials, mergeFieldTrials, WEBRTC_FIELD_TRIALS } from './field-trials';

describe('WebRTC field trials', () => {
  it('disables the legacy simulcast layer limit, so a 640x360 camera sends all three layers', () => {
    expect(mergeFieldTrials('', WEBRTC_FIELD_TRIALS)).toBe('WebRTC-LegacySimulcastLayerLimit/Disabled/');
  });

  it('keeps trials already on the command line, including a different choice for ours', () => {
    expect(mergeFieldTrials('Foo/Bar/', WEBRTC_FIELD_TRIALS)).toBe('Foo/Bar/WebRTC-LegacySimulcastLayerLimit/Disabled/');
    expect(mergeFieldTrials('WebRTC-LegacySimulcastLayerLimit/Enabled/', WEBRTC_FIELD_TRIALS)).toBe('WebRTC-LegacySimulcastLayerLimit/Enabled/');
    expect(mergeFieldTrials('Foo/Bar/Dangling', WEBRTC_FIELD_TRIALS)).toBe('Foo/Bar/WebRTC-LegacySimulcastLayerLimit/Disabled/');
  });

  it('sets --force-fieldtrials on the command line with the merged value', () => {
    const switches = new Map<string, string>([['force-fieldtrials', 'Foo/Bar/']]);
    const cmd = { getSwitchValue: (n: string) => switches.get(n) ?? '', appendSwitch: (n: string, v?: string) => void switches.set(n, v ?? '') };
    applyWebrtcFieldTrials(cmd);
    expect(switches.get('force-fieldtrials')).toBe('Foo/Bar/WebRTC-LegacySimulcastLayerLimit/Disabled/');
  });
});
