/**
 * Reading the host out of a PostgreSQL connection string, to know whether the server is on this
 * computer (where an unencrypted connection is fine). Handles URLs (`postgres://…`,
 * `postgresql://…`, several hosts, `[::1]`, `?host=/socket/dir`) and `host=… port=…` strings.
 */

function hostsFromQuery(query: string): string[] {
  const hosts: string[] = [];
  for (const pair of query.split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key.toLowerCase() === 'host' || key.toLowerCase() === 'hostaddr') {
      try {
        hosts.push(...decodeURIComponent(value).split(','));
      } catch {
        hosts.push(...value.split(','));
      }
    }
  }
  return hosts;
}

/**
 * The server hosts named in `url` (lower case, without ports or brackets); `''` stands for the
 * default (a local socket); none when `url` is not a connection string.
 */
export function serverHosts(url: string): string[] {
  const text = url.trim();
  const scheme = /^postgres(?:ql)?:\/\//i.exec(text);
  if (!scheme) {
    // Neither a URL nor key=value: nothing known.
    if (!text.includes('=')) return [];
    // key=value form; without a host libpq uses the local socket.
    const hosts = [...text.matchAll(/(?:^|\s)(?:host|hostaddr)\s*=\s*('([^']*)'|\S+)/gi)].flatMap((m) =>
      (m[2] ?? m[1]).split(','),
    );
    return (hosts.length > 0 ? hosts : ['']).map(clean);
  }
  const rest = text.slice(scheme[0].length);
  const queryAt = rest.indexOf('?');
  const beforeQuery = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rest.slice(queryAt + 1);
  // The password may hold `@` or `/`: the host list follows the last `@`.
  const at = beforeQuery.lastIndexOf('@');
  const afterCredentials = at < 0 ? beforeQuery : beforeQuery.slice(at + 1);
  const slash = afterCredentials.indexOf('/');
  const authority = slash < 0 ? afterCredentials : afterCredentials.slice(0, slash);
  const fromQuery = hostsFromQuery(query);
  if (fromQuery.length > 0) return fromQuery.map(clean);
  return authority.split(',').map(clean);
}

function clean(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') < 0 ? undefined : h.indexOf(']'));
  if (h.startsWith('/')) return h; // a socket directory
  const colons = h.split(':').length - 1;
  // host:port (one colon); more than one is a bare IPv6 address.
  if (colons === 1) h = h.slice(0, h.indexOf(':'));
  try {
    return decodeURIComponent(h);
  } catch {
    return h;
  }
}

function isLocalHost(host: string): boolean {
  return (
    host === '' ||
    host.startsWith('/') ||
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '::1' ||
    host === '0:0:0:0:0:0:0:1'
  );
}

/** True when every server named in `url` is this computer (loopback or a local socket). */
export function isLocalServer(url: string): boolean {
  const hosts = serverHosts(url);
  return hosts.length > 0 && hosts.every(isLocalHost);
}
