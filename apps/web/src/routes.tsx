import { createBrowserRouter, Navigate } from 'react-router';
import { AuditPage } from './audit/AuditPage';
import { ReplayPage } from './audit/ReplayPage';
import { CaseBoardPage } from './cases/CaseBoardPage';
import { NewCasePage } from './cases/NewCasePage';
import { AppLayout } from './layout/AppLayout';
import { SignInPage } from './session/SignInPage';

/** Every screen's route. Signed-in screens are children of AppLayout (which sends others to /sign-in). */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <Navigate to="/cases" replace /> },
      { path: '/cases', element: <CaseBoardPage /> },
      { path: '/cases/new', element: <NewCasePage /> },
      { path: '/audit', element: <AuditPage /> },
      { path: '/audit/cases/:caseId', element: <ReplayPage /> },
    ],
  },
]);
