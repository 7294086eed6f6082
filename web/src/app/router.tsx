import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  notFound,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { z } from 'zod';
import type { Permission } from '../../../src/core/permissions.js';
import { AccountPage } from '../features/account/account.page.js';
import { AgenciesPage } from '../features/agencies/agencies.page.js';
import { AuditTrailPage } from '../features/audit/audit-trail.page.js';
import { CaseListPage } from '../features/cases/case-list.page.js';
import { CasePage, caseTabs } from '../features/cases/case.page.js';
import { DuplicatesPage } from '../features/cases/duplicates.page.js';
import { DataRequestsPage } from '../features/retention/data-requests.page.js';
import { LinkRequestsPage } from '../features/cases/link-requests.page.js';
import { PersonPage } from '../features/cases/person.page.js';
import { HomePage } from '../features/home/home.page.js';
import { NotificationsPage } from '../features/notifications/notifications.page.js';
import { ActivitiesPage } from '../features/activities/activities.page.js';
import { AssessmentPage } from '../features/assessments/assessment.page.js';
import { AssessmentsPage } from '../features/assessments/assessments.page.js';
import { RecommendationsPage } from '../features/assessments/recommendations.page.js';
import { CooperationPage } from '../features/cooperation/cooperation.page.js';
import { MeetingPage } from '../features/meetings/meeting.page.js';
import { MeetingsPage } from '../features/meetings/meetings.page.js';
import { PlanPage } from '../features/plan/plan.page.js';
import { TaskBoardPage } from '../features/plan/task-board.page.js';
import { TaskPage } from '../features/plan/task.page.js';
import { ValidationPage } from '../features/plan/validation.page.js';
import { ReferralInboxPage } from '../features/protection/referral-inbox.page.js';
import { ScreeningPage } from '../features/protection/screening.page.js';
import { VictimProtectionPage } from '../features/protection/victim-protection.page.js';
import { sessionQuery } from '../features/session/session.js';
import { SignInPage } from '../features/sign-in/sign-in.page.js';
import { UsersPage } from '../features/users/users.page.js';
import { PublicStatisticsPage } from '../features/public/public-statistics.page.js';
import { PublicationPage } from '../features/publication/publication.page.js';
import { ReportPage } from '../features/statistics/report.page.js';
import { StatisticsPage } from '../features/statistics/statistics.page.js';
import { AppShellLayout } from './app-shell.js';
import { NotAvailablePage, RouteErrorPage } from './fallback.page.js';

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotAvailablePage,
  errorComponent: RouteErrorPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  // Where to return once signed in; only paths of this app are followed.
  validateSearch: z.object({
    redirect: z
      .string()
      .regex(/^\/(?![/\\])/)
      .optional()
      .catch(undefined),
  }),
  component: SignInPage,
});

/** The released statistics, for anyone: no session is asked for. */
const publicStatisticsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/public/statistics',
  component: PublicStatisticsPage,
});

/** Every screen behind sign-in: a session that has passed every step is needed. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session?.stage !== 'active') throw redirect({ to: '/sign-in', search: { redirect: location.href } });
  },
  component: AppShellLayout,
  notFoundComponent: NotAvailablePage,
});

/** A screen the session's permissions do not reach is answered as if it did not exist. */
function requirePermission(permission: Permission) {
  return ({ context }: { context: RouterContext }) => {
    const session = context.queryClient.getQueryData(sessionQuery.queryKey);
    if (!session?.permissions.includes(permission)) throw notFound();
  };
}

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
/** One's own notifications: every signed-in person has them. */
const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/notifications',
  component: NotificationsPage,
});
const agenciesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/agencies',
  beforeLoad: requirePermission('agency.read'),
  component: AgenciesPage,
});
const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  beforeLoad: requirePermission('user.read'),
  component: UsersPage,
});
const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  beforeLoad: requirePermission('audit.read'),
  component: AuditTrailPage,
});
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  component: AccountPage,
});
// Any other address is answered inside the application frame, after the session check.
const unknownRoute = createRoute({ getParentRoute: () => appRoute, path: '$', component: NotAvailablePage });

const casesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases',
  beforeLoad: requirePermission('case.read'),
  component: CaseListPage,
});
const caseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId',
  beforeLoad: requirePermission('case.read'),
  // The open section of the case page, so that a link can lead to it and Back returns to it.
  validateSearch: z.object({ tab: z.enum(caseTabs).optional().catch(undefined) }),
  component: CasePage,
});
const victimProtectionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId/victims/$casePersonId',
  beforeLoad: requirePermission('protection.read'),
  component: VictimProtectionPage,
});
const screeningRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cases/$caseId/victims/$casePersonId/screening',
  beforeLoad: requirePermission('protection.write'),
  component: ScreeningPage,
});
const personRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/persons/$personId',
  beforeLoad: requirePermission('case.read'),
  component: PersonPage,
});
const referralInboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/referrals',
  beforeLoad: requirePermission('referral.respond'),
  component: ReferralInboxPage,
});

const linkRequestsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/link-requests',
  // Those who may see people answer requests, and only they work cases to link people into.
  beforeLoad: requirePermission('person.reveal'),
  component: LinkRequestsPage,
});
const duplicatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/duplicates',
  beforeLoad: requirePermission('duplicate.resolve'),
  component: DuplicatesPage,
});
const dataRequestsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/data-requests',
  beforeLoad: requirePermission('data_request.manage'),
  component: DataRequestsPage,
});

// The action plan: its tree, the task board, a task, and the secretariat's validation queue.
const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plan',
  beforeLoad: requirePermission('plan.read'),
  component: PlanPage,
});
const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks',
  beforeLoad: requirePermission('plan.read'),
  component: TaskBoardPage,
});
const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks/$taskId',
  beforeLoad: requirePermission('plan.read'),
  component: TaskPage,
});
const validationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/progress/pending',
  beforeLoad: requirePermission('progress.validate'),
  component: ValidationPage,
});

// Meetings, activity figures and the cooperation log (issue 7).
const meetingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings',
  beforeLoad: requirePermission('meeting.read'),
  component: MeetingsPage,
});
const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId',
  beforeLoad: requirePermission('meeting.read'),
  component: MeetingPage,
});
const activitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities',
  beforeLoad: requirePermission('activity.read'),
  component: ActivitiesPage,
});
const cooperationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cooperation',
  beforeLoad: requirePermission('cooperation.read'),
  component: CooperationPage,
});

// External assessments: TIP placements, narratives, recommendations, claim check, response (issue 9).
const assessmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/assessments',
  beforeLoad: requirePermission('assessment.read'),
  component: AssessmentsPage,
});
const recommendationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/assessments/recommendations',
  beforeLoad: requirePermission('assessment.read'),
  validateSearch: z.object({ year: z.coerce.number().int().optional().catch(undefined) }),
  component: RecommendationsPage,
});
const assessmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/assessments/$assessmentId',
  beforeLoad: requirePermission('assessment.read'),
  component: AssessmentPage,
});

// Publication of statistics (issue 8): releasing tables through a rule set.
const publicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/publication',
  beforeLoad: requirePermission('statistics.release'),
  component: PublicationPage,
});

// The statistics dashboard (issue 8): counts, trends and breakdowns for analysts.
const statisticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/statistics',
  beforeLoad: requirePermission('statistics.read'),
  component: StatisticsPage,
});

// The secretariat's yearly report (issue 8): the published figures of one period, printable.
const statisticsReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/statistics/report',
  beforeLoad: requirePermission('statistics.read'),
  component: ReportPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  publicStatisticsRoute,
  appRoute.addChildren([
    publicationRoute,
    statisticsRoute,
    statisticsReportRoute,
    homeRoute,
    notificationsRoute,
    agenciesRoute,
    usersRoute,
    auditRoute,
    accountRoute,
    casesRoute,
    caseRoute,
    victimProtectionRoute,
    screeningRoute,
    personRoute,
    referralInboxRoute,
    linkRequestsRoute,
    duplicatesRoute,
    dataRequestsRoute,
    meetingsRoute,
    meetingRoute,
    activitiesRoute,
    cooperationRoute,
    planRoute,
    tasksRoute,
    taskRoute,
    validationRoute,
    assessmentsRoute,
    recommendationsRoute,
    assessmentRoute,
    unknownRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
