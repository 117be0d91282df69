import { IpLimiter, addressKey } from './ip-limiter';

describe('IpLimiter', () => {
  it('keeps an active address limited while a flood of new addresses passes the tracking bound', () => {
    const t = 0;
    const limiter = new IpLimiter(1, 2, () => t);
    expect([limiter.take('10.0.0.1'), limiter.take('10.0.0.1'), limiter.take('10.0.0.1')]).toEqual([true, true, false]);
    for (let i = 0; i < 60_000; i += 1) {
      limiter.take(`172.16.${i >> 8}.${i & 255}`);
      // The abuser stays active in between, so it is never the least recently used.
      if (i % 1000 === 0) expect(limiter.take('10.0.0.1')).toBe(false);
    }
    expect(limiter.take('10.0.0.1')).toBe(false);
  });

  it('keys IPv6 per /64 and IPv4-mapped addresses as IPv4', () => {
    const limiter = new IpLimiter(1, 1, () => 0);
    expect(limiter.take('2001:db8:1:2::1')).toBe(true);
    expect(limiter.take('2001:db8:1:2:ffff:ffff:ffff:fffe')).toBe(false);
    expect(limiter.take('2001:db8:1:3::1')).toBe(true);
    expect(limiter.take('::ffff:192.0.2.7')).toBe(true);
    expect(limiter.take('192.0.2.7')).toBe(false);
  });

  it('writes the /64 key in one form whatever the spelling', () => {
    expect(addressKey('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
    expect(addressKey('127.0.0.1')).toBe('127.0.0.1');
  });
});
