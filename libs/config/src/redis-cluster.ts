/** The seed nodes of a Redis Cluster and what every node is reached with. */
export interface RedisClusterConfig {
  /** One reachable node is enough: the client learns the others (and the slot map) from it. */
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  /** rediss:// entries: TLS to every node. */
  tls: boolean;
}

/**
 * Reads REDIS_CLUSTER_NODES: comma-separated `host:port` or `redis://[user:password@]host:port`
 * (`rediss://` for TLS) entries. Every entry must name the same scheme and credentials, since one
 * client reaches every node with them; a database number is refused (a cluster has database 0 only).
 * Returns the problem as a string when the value is unusable.
 */
export function parseRedisClusterNodes(value: string): RedisClusterConfig | string {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) return 'REDIS_CLUSTER_NODES: name at least one host:port';
  const nodes: RedisClusterConfig['nodes'] = [];
  const access = new Set<string>();
  let first: URL | undefined;
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry.includes('://') ? entry : `redis://${entry}`);
    } catch {
      return `REDIS_CLUSTER_NODES: "${entry}" is neither host:port nor a redis:// URL`;
    }
    if (!['redis:', 'rediss:'].includes(url.protocol) || !url.hostname || !url.port)
      return `REDIS_CLUSTER_NODES: "${entry}" must give a host and a port (redis:// or rediss://)`;
    if (url.pathname.replace(/^\/(0)?$/, '') !== '' || url.search)
      return `REDIS_CLUSTER_NODES: "${entry}" names a database or options; a cluster has database 0 only`;
    nodes.push({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) });
    access.add(`${url.protocol}${url.username}:${url.password}`);
    first ??= url;
  }
  if (access.size > 1) return 'REDIS_CLUSTER_NODES: every entry must use the same scheme and credentials';
  return {
    nodes,
    ...(first?.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first?.password ? { password: decodeURIComponent(first.password) } : {}),
    tls: first?.protocol === 'rediss:',
  };
}
