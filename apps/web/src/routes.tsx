import { createBrowserRouter, Navigate } from 'react-router';
import { CaseBoardPage } from './cases/CaseBoardPage';
import { NewCasePage } from './cases/NewCasePage';
import { AppLayout } from './layout/AppLayout';
import { MonitorFactoriesPage } from './monitor/MonitorFactoriesPage';
import { MonitorFactoryPage } from './monitor/MonitorFactoryPage';
import { SignInPage } from './session/SignInPage';
import { CorrectiveActionPlanPage } from './supplier/CorrectiveActionPlanPage';
import { QuestionnairePage } from './supplier/QuestionnairePage';
import { SupplierDuesPage } from './supplier/SupplierDuesPage';
import { FileGrievancePage } from './workers/FileGrievancePage';
import { GrievanceStatusPage } from './workers/GrievanceStatusPage';
import { WorkerFrame } from './workers/WorkerFrame';

/** Every screen's route. Signed-in screens are children of AppLayout (which sends others to /sign-in). */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
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
      { path: '/', element: <Navigate to="/cases" replace /> },
      { path: '/cases', element: <CaseBoardPage /> },
      { path: '/cases/new', element: <NewCasePage /> },
      { path: '/supplier', element: <SupplierDuesPage /> },
      { path: '/supplier/questionnaires/:questionnaireId', element: <QuestionnairePage /> },
      { path: '/supplier/findings/:findingId/plan', element: <CorrectiveActionPlanPage /> },
      { path: '/monitor', element: <MonitorFactoriesPage /> },
      { path: '/monitor/factories/:factoryId', element: <MonitorFactoryPage /> },
    ],
  },
]);
