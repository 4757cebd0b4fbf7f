import { lazy, Suspense, useSyncExternalStore } from 'react';
import { LoginPage } from './login-page';
import { session } from './session';

// The signed-in shell (menu, drawer, pages) is a chunk of its own: the login page does not load it.
const Shell = lazy(async () => ({ default: (await import('./shell')).Shell }));

export function App() {
  const current = useSyncExternalStore(session.subscribe, () =>
    sessionStorage.getItem('carbon-console-session'),
  );
  const signedIn = current ? session.current() : undefined;
  if (!signedIn) return <LoginPage />;
  return (
    <Suspense
      fallback={
        <div role="status" style={{ padding: 24 }}>
          正在加载…
        </div>
      }
    >
      <Shell signedIn={signedIn} />
    </Suspense>
  );
}
