import type { Request } from 'express';
import { metricsAllowed } from './metrics-access';

const req = (remoteAddress: string, headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress } }) as unknown as Request;

describe('metricsAllowed', () => {
  it('without METRICS_TOKEN: this machine only, and never a request a proxy forwarded', () => {
    expect(metricsAllowed(req('127.0.0.1'), undefined)).toBe(true);
    expect(metricsAllowed(req('::1'), undefined)).toBe(true);
    expect(metricsAllowed(req('::ffff:127.0.0.1'), undefined)).toBe(true);
    expect(metricsAllowed(req('10.77.0.2'), undefined)).toBe(false);
    expect(metricsAllowed(req('203.0.113.9'), undefined)).toBe(false);
    expect(metricsAllowed(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), undefined)).toBe(false);
    expect(metricsAllowed(req('127.0.0.1', { forwarded: 'for=203.0.113.9' }), undefined)).toBe(false);
  });

  it('with METRICS_TOKEN: the bearer token decides, from anywhere', () => {
    const token = 'scrape-0123456789abcdef';
    expect(metricsAllowed(req('203.0.113.9', { authorization: `Bearer ${token}` }), token)).toBe(true);
    expect(metricsAllowed(req('203.0.113.9', { authorization: 'Bearer wrong' }), token)).toBe(false);
    expect(metricsAllowed(req('127.0.0.1'), token)).toBe(false);
  });
});
