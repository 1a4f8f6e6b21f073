import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { CaseBoardPage } from './cases/CaseBoardPage';
import { NewCasePage } from './cases/NewCasePage';
import { AppLayout } from './layout/AppLayout';
import { EscalationQueuePage } from './officer/EscalationQueuePage';
import { FindingPage } from './officer/FindingPage';
import { InboxPage } from './officer/InboxPage';
import { SignInPage } from './session/SignInPage';

// The charts library stays out of the first screen's bundle.
const ChartsPage = lazy(async () => ({ default: (await import('./officer/ChartsPage')).ChartsPage }));

/** Every screen's route. Signed-in screens are children of AppLayout (which sends others to /sign-in). */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <Navigate to="/cases" replace /> },
      { path: '/cases', element: <CaseBoardPage /> },
      { path: '/cases/new', element: <NewCasePage /> },
      { path: '/officer/inbox', element: <InboxPage /> },
      { path: '/officer/escalations', element: <EscalationQueuePage /> },
      { path: '/officer/findings/:findingId', element: <FindingPage /> },
      {
        path: '/officer/charts',
        element: (
          <Suspense fallback={<Loader aria-label="Loading the charts" />}>
            <ChartsPage />
          </Suspense>
        ),
      },
    ],
  },
]);
