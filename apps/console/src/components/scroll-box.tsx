import type { ReactNode } from 'react';

/**
 * A wide table's own horizontal scroll on a narrow screen (the page itself never scrolls sideways);
 * focusable and named, so a keyboard user can scroll it too.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </div>
  );
}
