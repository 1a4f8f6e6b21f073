import { createBrowserRouter } from 'react-router';
import { CaseBoardPage } from './cases/CaseBoardPage';
import { NewCasePage } from './cases/NewCasePage';
import { AppLayout } from './layout/AppLayout';
import { InboxPage } from './notifications/InboxPage';
import { PreferencesPage } from './notifications/PreferencesPage';
import { SignInPage } from './session/SignInPage';
import { SignInReturnPage } from './session/SignInReturnPage';

/** Every screen's route. Signed-in screens are children of AppLayout (which sends others to /sign-in). */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  // The redirect URI the provider sends the browser back to.
  { path: '/', element: <SignInReturnPage /> },
  {
    element: <AppLayout />,
    children: [
      { path: '/cases', element: <CaseBoardPage /> },
      { path: '/cases/new', element: <NewCasePage /> },
      { path: '/notifications', element: <InboxPage /> },
      { path: '/notifications/preferences', element: <PreferencesPage /> },
    ],
  },
]);
