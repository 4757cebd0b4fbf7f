/** The signed-in admin or auditor, kept for the browser tab's lifetime only (sessionStorage). */
export type Role = 'admin' | 'auditor';

export interface Session {
  accessToken: string;
  role: Role;
  username: string;
  expiresAt: number;
}

const KEY = 'carbon-console-session';
const listeners = new Set<() => void>();

export const session = {
  current(): Session | undefined {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Session;
    return value.expiresAt > Date.now() ? value : undefined;
  },
  save(value: Session): void {
    sessionStorage.setItem(KEY, JSON.stringify(value));
    listeners.forEach((listener) => listener());
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Auditors see everything and change nothing: pages hide or disable every write for them. */
export const canWrite = (): boolean => session.current()?.role === 'admin';
