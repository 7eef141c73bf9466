// Where a network endpoint lives, judged from its URL alone. Homelane sends
// request texts to a remote embedding model only when that model runs on this
// machine or on the local network, never to a cloud service.
//
// This is a pure function of the URL: it does no DNS lookups. A public DNS
// name that happens to resolve to a private address is still `cloud` (the
// safe direction); a private name (`gpu-box`, `nas.local`) is trusted to stay
// on the local network, since that is what those names are for. Anything that
// cannot be parsed is `cloud`.

export type EndpointLocality = 'local' | 'lan' | 'cloud';

/** Name suffixes reserved for (or conventionally used by) local networks. */
const LAN_SUFFIXES = ['.local', '.lan', '.home.arpa', '.internal'];

/** Parses a URL, reading `host:port` without a scheme as http. */
export function parseEndpointUrl(url: string): URL | undefined {
  const text = url.trim();
  if (text === '') return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
}

/** `local` (this machine), `lan` (private network) or `cloud` (everything else). */
export function endpointLocality(url: string): EndpointLocality {
  const parsed = parseEndpointUrl(url);
  if (!parsed) return 'cloud';
  return hostLocality(parsed.hostname);
}

/** The locality of a bare host name or address (as `URL.hostname` gives it). */
export function hostLocality(hostname: string): EndpointLocality {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return 'cloud';
  if (host.startsWith('[') && host.endsWith(']')) return ipv6Locality(host.slice(1, -1));
  if (host.includes(':')) return ipv6Locality(host);
  const ipv4 = parseIpv4(host);
  if (ipv4) return ipv4Locality(ipv4);
  // RFC 6761: `localhost` and names under it are the loopback interface.
  if (host === 'localhost' || host.endsWith('.localhost')) return 'local';
  if (!host.includes('.')) return 'lan';
  if (LAN_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'lan';
  return 'cloud';
}

/** Four octets of a dotted-decimal address (the form `URL` normalises IPv4 to). */
function parseIpv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

function ipv4Locality([a = 0, b = 0, c = 0, d = 0]: number[]): EndpointLocality {
  if (a === 127) return 'local';
  // 0.0.0.0 is "this host": connecting to it reaches the loopback interface.
  if (a === 0 && b === 0 && c === 0 && d === 0) return 'local';
  if (a === 10) return 'lan';
  if (a === 172 && b >= 16 && b <= 31) return 'lan';
  if (a === 192 && b === 168) return 'lan';
  if (a === 169 && b === 254) return 'lan';
  return 'cloud';
}

/** Eight 16-bit groups, or undefined when the text is not an IPv6 address. */
function parseIpv6(text: string): number[] | undefined {
  let address = text;
  // A trailing dotted IPv4 part (::ffff:10.0.0.1) becomes two groups.
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (dotted) {
    const octets = parseIpv4(dotted[2] ?? '');
    if (!octets) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    address = `${dotted[1] ?? ''}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

function ipv6Locality(text: string): EndpointLocality {
  const groups = parseIpv6(text);
  if (!groups) return 'cloud';
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  // ::1 is loopback; :: (unspecified) reaches this host like 0.0.0.0.
  if (zeroUpTo(7) && (g7 === 1 || g7 === 0)) return 'local';
  // IPv4-mapped (::ffff:a.b.c.d): judge the IPv4 address.
  if (zeroUpTo(5) && g5 === 0xffff) return ipv4Locality([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  if ((g0 & 0xfe00) === 0xfc00) return 'lan'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'lan'; // fe80::/10 link-local
  return 'cloud';
}
