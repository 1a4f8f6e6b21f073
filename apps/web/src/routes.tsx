import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AuditPage } from './audit/AuditPage';
import { ReplayPage } from './audit/ReplayPage';
import { CaseBoardPage } from './cases/CaseBoardPage';
import { CasePage } from './cases/CasePage';
import { NewCasePage } from './cases/NewCasePage';
import { AppLayout } from './layout/AppLayout';
import { MonitorFactoriesPage } from './monitor/MonitorFactoriesPage';
import { MonitorFactoryPage } from './monitor/MonitorFactoryPage';
import { InboxPage as NotificationInboxPage } from './notifications/InboxPage';
import { PreferencesPage } from './notifications/PreferencesPage';
import { EscalationQueuePage } from './officer/EscalationQueuePage';
import { FindingPage } from './officer/FindingPage';
import { InboxPage } from './officer/InboxPage';
import { SignInPage } from './session/SignInPage';
import { SignInReturnPage } from './session/SignInReturnPage';
import { CorrectiveActionPlanPage } from './supplier/CorrectiveActionPlanPage';
import { QuestionnairePage } from './supplier/QuestionnairePage';
import { SupplierDuesPage } from './supplier/SupplierDuesPage';
import { FileGrievancePage } from './workers/FileGrievancePage';
import { GrievanceStatusPage } from './workers/GrievanceStatusPage';
import { WorkerFrame } from './workers/WorkerFrame';

// The charts library stays out of the first screen's bundle.
const ChartsPage = lazy(async () => ({ default: (await import('./officer/ChartsPage')).ChartsPage }));

/** Every screen's route. Signed-in screens are children of AppLayout (which sends others to /sign-in). */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  // The redirect URI the provider sends the browser back to.
  { path: '/', element: <SignInReturnPage /> },
  // The workers' pages: public, without sign-in, in the worker's language.
  {
    path: '/grievance',
    element: <WorkerFrame />,
    children: [
      { index: true, element: <FileGrievancePage /> },
      { path: 'status', element: <GrievanceStatusPage /> },
    ],
  },
  {
    element: <AppLayout />,
    children: [
      { path: '/cases', element: <CaseBoardPage /> },
      { path: '/cases/new', element: <NewCasePage /> },
      { path: '/cases/:caseId', element: <CasePage /> },
      { path: '/notifications', element: <NotificationInboxPage /> },
      { path: '/notifications/preferences', element: <PreferencesPage /> },
      { path: '/supplier', element: <SupplierDuesPage /> },
      { path: '/supplier/questionnaires/:questionnaireId', element: <QuestionnairePage /> },
      { path: '/supplier/findings/:findingId/plan', element: <CorrectiveActionPlanPage /> },
      { path: '/monitor', element: <MonitorFactoriesPage /> },
      { path: '/monitor/factories/:factoryId', element: <MonitorFactoryPage /> },
      { path: '/audit', element: <AuditPage /> },
      { path: '/audit/cases/:caseId', element: <ReplayPage /> },
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
