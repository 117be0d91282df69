import type { QualitySample } from '../../call/api';
import { useLocale } from '../../i18n/text';
import { causeText, qualityDetails } from './quality';

const sample = (over: Partial<QualitySample> = {}): QualitySample => ({
  level: 'fair',
  lossPercent: 4.123,
  rttMs: 180.4,
  jitterMs: null,
  limitation: 'bandwidth',
  cause: 'upload',
  problem: null,
  reasons: [],
  ...over,
});

describe('qualityDetails', () => {
  it('describes a sample', () => {
    expect(qualityDetails(sample())).toEqual({
      level: 'fair',
      lines: ['Packet loss: 4.1%', 'Round-trip time: 180 ms', 'Jitter: —', 'Limited by: upload'],
    });
  });
  it('formats the loss in the language in use, after a change of language too', () => {
    useLocale('de');
    try {
      expect(qualityDetails(sample()).lines[0]).toContain('4,1');
    } finally {
      useLocale('en');
    }
    expect(qualityDetails(sample()).lines[0]).toBe('Packet loss: 4.1%');
  });
  it('is unknown without a sample', () => {
    expect(qualityDetails(null).level).toBe('unknown');
  });
});

describe('causeText', () => {
  it('names each cause', () => {
    expect(causeText('cpu')).toBe('Limited by: CPU');
    expect(causeText('download')).toBe('Limited by: download');
    expect(causeText('network')).toBe('Limited by: network');
    expect(causeText(null)).toBe('No limitation detected');
  });
  it('names what is wrong and on which side', () => {
    expect(causeText('upload', 'loss')).toBe('Packet loss on the way from you');
    expect(causeText('download', 'loss')).toBe('Packet loss on the way to you');
    expect(causeText('network', 'delay')).toBe('High delay on the path between you');
    expect(causeText('upload', 'bandwidth')).toBe('Too little bandwidth on the way from you');
    expect(causeText('cpu', 'cpu')).toBe('Computer too busy on your side');
    expect(qualityDetails(sample({ cause: 'download', problem: 'jitter' })).lines.at(-1)).toBe('Jitter on the way to you');
  });
});
