import { Card, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a page: a card that is a landmark named by its heading's words. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack>
        <Title order={2} size="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}
