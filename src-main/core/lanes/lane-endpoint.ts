import { parseEndpointUrl } from '../net/endpoint-locality';

// Upstream's backend-ref normalisation (reference §1.3): how a ref is named,
// which protocol it speaks and where its `endpoint` points. Pure text work.

export type LaneProtocol = 'http' | 'https';

export interface HostPort {
  /** Lower-cased host name or address; IPv6 without brackets. */
  host: string;
  port: number;
}

/** `name`, else `primary` for the first ref and `backend-<i+1>` for the rest. */
export function backendRefName(name: string | undefined, index: number): string {
  if (name !== undefined && name.trim() !== '') return name;
  return index === 0 ? 'primary' : `backend-${index + 1}`;
}

/** Upstream defaults the protocol to http; only `https` switches it. */
export function laneProtocol(protocol: string | undefined): LaneProtocol {
  return protocol?.trim().toLowerCase() === 'https' ? 'https' : 'http';
}

export function defaultPort(protocol: LaneProtocol): number {
  return protocol === 'https' ? 443 : 80;
}

/**
 * Reads an `endpoint` the way upstream does: any `scheme://` and path are
 * dropped, a missing port is 443 for https and 80 otherwise. The scheme does
 * not change the protocol (that is the `protocol` key's job). Undefined when
 * no host remains or the port is not a port number.
 */
export function parseBackendEndpoint(
  endpoint: string,
  protocol: LaneProtocol,
): HostPort | undefined {
  const authority = endpoint
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/^.*@/, '');
  let host = authority;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(authority);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else {
    const colon = authority.indexOf(':');
    // More than one colon without brackets is a bare IPv6 address, no port.
    if (colon >= 0 && colon === authority.lastIndexOf(':')) {
      host = authority.slice(0, colon);
      portText = authority.slice(colon + 1);
    }
  }
  host = host.toLowerCase();
  if (host === '') return undefined;
  if (portText === undefined || portText === '') return { host, port: defaultPort(protocol) };
  const port = toPort(portText);
  return port === undefined ? undefined : { host, port };
}

/** Host and port of a `base_url` (a default port is filled from its scheme). */
export function baseUrlHostPort(baseUrl: string): HostPort | undefined {
  const url = parseEndpointUrl(baseUrl);
  if (!url || url.hostname === '') return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { host, port };
}

/** `protocol://host:port`, with brackets around an IPv6 host. */
export function formatBaseUrl(protocol: LaneProtocol, { host, port }: HostPort): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${protocol}://${shown}:${port}`;
}

function toPort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}
