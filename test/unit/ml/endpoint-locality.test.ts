import { describe, expect, it } from 'vitest';
import { endpointLocality, hostLocality } from '../../../src-main/core/net/endpoint-locality';

// Homelane sends request texts to a remote embedding model only when it is
// on this machine or the local network; these cases pin down the boundary.

describe('endpointLocality', () => {
  it.each([
    'http://localhost:11434',
    'http://LOCALHOST:11434/v1',
    'http://localhost.:8080',
    'http://embed.localhost:8080',
    'http://127.0.0.1:8080',
    'http://127.255.255.254',
    'http://127.1:8080', // shorthand the URL parser expands to 127.0.0.1
    'http://0x7f.0.0.1', // hex octet, also 127.0.0.1
    'http://2130706433', // one 32-bit number, 127.0.0.1
    'http://0.0.0.0:8000',
    'http://[::1]:8080',
    'http://[0:0:0:0:0:0:0:1]',
    'http://[::]:8080',
    'http://[::ffff:127.0.0.1]:8080',
    'localhost:11434',
    '127.0.0.1:8080/v1',
  ])('%s is this machine', (url) => {
    expect(endpointLocality(url)).toBe('local');
  });

  it.each([
    'http://10.0.0.5:8080',
    'http://10.255.255.255',
    'http://172.16.0.1',
    'http://172.31.255.255',
    'http://192.168.1.20:11434/v1',
    'http://169.254.10.10',
    'http://[fc00::1]',
    'http://[fd12:3456:789a::1]:8080',
    'http://[fe80::1]',
    'http://[febf::1]',
    'http://[::ffff:192.168.1.5]', // IPv4-mapped private address
    'http://gpu-box:8080',
    'gpu-box:8080',
    'http://nas.local:11434',
    'http://NAS.Local',
    'http://llm.lan',
    'http://embed.home.arpa',
    'http://embed.corp.internal',
  ])('%s is the local network', (url) => {
    expect(endpointLocality(url)).toBe('lan');
  });

  it.each([
    'https://api.example.com',
    'https://api.openai.com/v1',
    'http://8.8.8.8',
    'http://1.1.1.1:8080',
    'http://172.15.255.255', // just below 172.16/12
    'http://172.32.0.1', // just above 172.16/12
    'http://192.169.0.1',
    'http://169.255.0.1',
    'http://11.0.0.1',
    'http://126.0.0.1',
    'http://128.0.0.1',
    'http://100.64.0.1', // carrier-grade NAT is not this network
    'http://0.0.0.1',
    'http://[2001:db8::1]',
    'http://[2606:4700::1111]',
    'http://[fe00::1]', // below fe80::/10
    'http://[fec0::1]', // above fe80::/10 (old site-local)
    'http://[::ffff:8.8.8.8]', // IPv4-mapped public address
    'http://[::2]',
    'http://local.example.com',
    'http://localhost.example.com',
    'http://my.local.example.com',
  ])('%s is the cloud', (url) => {
    expect(endpointLocality(url)).toBe('cloud');
  });

  it('treats a public name as cloud even if it might resolve to a private address', () => {
    // No DNS lookups: 10.0.0.1.nip.io resolves to 10.0.0.1, but is judged by its name.
    expect(endpointLocality('http://10.0.0.1.nip.io')).toBe('cloud');
    expect(endpointLocality('http://192-168-1-5.sslip.io')).toBe('cloud');
  });

  it('treats anything unparseable as cloud', () => {
    for (const url of ['', '   ', 'http://', 'http://[fe80::1%25eth0]', 'http://[::1', 'ht tp://x'])
      expect(endpointLocality(url)).toBe('cloud');
  });

  it('ignores user info, ports, paths and queries when judging the host', () => {
    expect(endpointLocality('http://user@192.168.0.2:1234/v1/embeddings?x=1')).toBe('lan');
    expect(endpointLocality('https://127.0.0.1.example.com/localhost')).toBe('cloud');
  });
});

describe('hostLocality on bare hosts', () => {
  it('reads bracketed and unbracketed IPv6, and dotted IPv4 tails', () => {
    expect(hostLocality('::1')).toBe('local');
    expect(hostLocality('[::1]')).toBe('local');
    expect(hostLocality('::ffff:10.1.2.3')).toBe('lan');
    expect(hostLocality('fd00::')).toBe('lan');
    expect(hostLocality('1:2:3:4:5:6:7:8')).toBe('cloud');
  });

  it('refuses malformed addresses', () => {
    expect(hostLocality('1::2::3')).toBe('cloud');
    expect(hostLocality('1:2:3:4:5:6:7:8:9')).toBe('cloud');
    expect(hostLocality('1:2:3')).toBe('cloud');
    expect(hostLocality('fe80::zzzz')).toBe('cloud');
    expect(hostLocality('::ffff:300.1.1.1')).toBe('cloud');
    expect(hostLocality('')).toBe('cloud');
  });

  it('does not read numbers past 255 as addresses', () => {
    // Not an address, so a dotted name: cloud.
    expect(hostLocality('10.0.0.256')).toBe('cloud');
  });
});
