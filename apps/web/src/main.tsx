import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/problem';
import { router } from './routes';
import { scheduleRenewal } from './session/openid';

// Mantine's blue at shade 8 keeps white button text above WCAG AA contrast (4.5:1; shade 6 and 7 fall short).
const theme = createTheme({ primaryShade: 8 });
// Dimmed text (field descriptions) and error text darker than Mantine's, for the same reason.
const contrast: CSSVariablesResolver = (mantine) => ({
  variables: {},
  light: { '--mantine-color-dimmed': mantine.colors.gray[7], '--mantine-color-error': mantine.colors.red[9] },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// A reloaded tab keeps renewing its session.
scheduleRenewal();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
