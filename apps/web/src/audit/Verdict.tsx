import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A verification's verdict. The title keeps the body's text colour: Mantine's green title on its
 * light green falls short of WCAG AA contrast; the colour of the box still tells at a glance.
 */
export function Verdict({ ok, okTitle, children }: { ok: boolean; okTitle: string; children: ReactNode }) {
  return (
    <Alert
      color={ok ? 'green' : 'red'}
      title={ok ? okTitle : 'Tampering found'}
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      {children}
    </Alert>
  );
}
