/** Hash routing (#/pools/370100): the API serves one index.html, so no server-side routes are needed. */
import { useEffect, useState } from 'react';

const currentPath = () => window.location.hash.replace(/^#/, '') || '/';

export function useHashPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

export const navigate = (path: string): void => {
  window.location.hash = path;
};

/** The segments after a page's own prefix: '/methodologies/cycling/2' under '/methodologies' → ['cycling', '2']. */
export const segmentsAfter = (path: string, prefix: string): string[] =>
  path.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
