/** A name for a LAN endpoint made from its address: `192.168.1.20-8000`, `box.lan-443`. */
export function defaultEndpointName(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.hostname}-${url.port || (url.protocol === 'https:' ? '443' : '80')}`
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63);
}
