import { describe, expect, it } from 'vitest';
import { nextStage, throttledAddress } from './auth.service.js';

describe('the client address the sign-in throttle counts', () => {
  it.each([
    ['an IPv4 address as it is', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address as its IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['the mapped prefix in capitals too', '::FFFF:203.0.113.7', '203.0.113.7'],
    ['a mapped address with octets of several digits', '::ffff:198.51.100.27', '198.51.100.27'],
    [
      'an IPv4 address inside a longer IPv6 address by its /64',
      '2001:db8::ffff:192.0.2.1',
      '2001:db8:0:0::/64',
    ],
    [
      'a mapped address followed by a port, not an address, as it is',
      '::ffff:203.0.113.7:80',
      '::ffff:203.0.113.7:80',
    ],
    ['a full IPv6 address by its /64', '2001:0db8:0001:0002:0003:0004:0005:0006', '2001:db8:1:2::/64'],
    ['an abbreviated one by the same /64', '2001:db8:1:2::5', '2001:db8:1:2::/64'],
    ['the low bits changed, by the same /64', '2001:db8:1:2:ffff::1', '2001:db8:1:2::/64'],
    ['zeros elided inside the network part', '2001:db8::1', '2001:db8:0:0::/64'],
    ['zeros elided at the start', '::1', '0:0:0:0::/64'],
    ['capitals as lower case', '2001:DB8:A:B::1', '2001:db8:a:b::/64'],
    ['a group of zeros kept as one zero', '2001:db8:0000:00a0::1', '2001:db8:0:a0::/64'],
    [
      'zeros elided inside, groups after them reaching into the network part',
      '2001::1:2:3:4:5',
      '2001:0:0:1::/64',
    ],
    ['groups of several digits after the elided zeros', '2001::abcd:1:2:3:4', '2001:0:0:abcd::/64'],
    ['something that is not an address as it is', 'unknown', 'unknown'],
  ])('counts %s', (_name, ip, expected) => {
    expect(throttledAddress(ip)).toBe(expected);
  });

  it('counts a network address ending in :: by its /64', () => {
    expect(throttledAddress('2001:db8:1:2::')).toBe('2001:db8:1:2::/64');
  });
});

describe('the stage after a sign-in step', () => {
  it.each([
    [{ mustChangePassword: true, twoFactorEnabled: false, twoFactorRequired: true }, 'password_change'],
    [{ mustChangePassword: true, twoFactorEnabled: true, twoFactorRequired: true }, 'password_change'],
    [{ mustChangePassword: false, twoFactorEnabled: false, twoFactorRequired: true }, 'two_factor_enrolment'],
    [{ mustChangePassword: false, twoFactorEnabled: true, twoFactorRequired: true }, 'active'],
    [{ mustChangePassword: false, twoFactorEnabled: false, twoFactorRequired: false }, 'active'],
  ] as const)('%o gives %s', (user, stage) => {
    expect(nextStage(user)).toBe(stage);
  });
});
