import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { isApiError } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import { AccountPage } from '../features/auth/account-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { AuditPage } from '../features/audit/audit-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { ImportPage } from '../features/imports/import-page.tsx';
import { MeetingPage } from '../features/meetings/meeting-page.tsx';
import { YearPlanPage } from '../features/meetings/year-plan-page.tsx';
import { MemberPage } from '../features/members/member-page.tsx';
import { InboxPage } from '../features/notices/inbox-page.tsx';
import { OrganizationPage } from '../features/organizations/organization-page.tsx';
import { OrganizationsPage } from '../features/organizations/organizations-page.tsx';
import { DatesSettings } from '../lib/date-fields.tsx';
import { useApplyLargeText } from '../lib/large-text.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { ErrorScreen } from './error-screen.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RequireSession } from './require-session.tsx';

const theme = createTheme({
  primaryColor: 'red',
  // Shade 8/9 of red keeps white button text above 4.5:1 contrast.
  primaryShade: 9,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
});

// Mantine's "dimmed" grey is below 4.5:1 on white; older eyes need the darker one.
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

// A session that ends while a page is open (expiry, logout elsewhere) turns into "no user",
// which the guard answers by sending the user to the login page.
function handleUnauthenticated(error: unknown, queryKey?: readonly unknown[]): void {
  if (isApiError(error) && error.code === 'unauthenticated' && queryKey?.[0] !== keys.me[0]) {
    queryClient.setQueryData(keys.me, null);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => handleUnauthenticated(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => handleUnauthenticated(error) }),
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; network trouble and 5xx may.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter([
  { path: '/dang-nhap', element: <LoginPage />, errorElement: <ErrorScreen /> },
  {
    path: '/',
    element: <RequireSession />,
    errorElement: <ErrorScreen />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'to-chuc', element: <OrganizationsPage /> },
      { path: 'to-chuc/:id', element: <OrganizationPage /> },
      { path: 'to-chuc/:id/nhap-danh-sach', element: <ImportPage /> },
      { path: 'to-chuc/:id/ke-hoach', element: <YearPlanPage /> },
      { path: 'cuoc-hop/:id', element: <MeetingPage /> },
      { path: 'thong-bao', element: <InboxPage /> },
      { path: 'dang-vien/:id', element: <MemberPage /> },
      { path: 'nhat-ky', element: <AuditPage /> },
      { path: 'tai-khoan', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

function LargeTextSync() {
  useApplyLargeText();
  return null;
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <LargeTextSync />
      <ErrorBoundary>
        <Notifications position="top-center" />
        <QueryClientProvider client={queryClient}>
          <DatesSettings>
            <RouterProvider router={router} />
          </DatesSettings>
        </QueryClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  );
}
