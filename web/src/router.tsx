import { createBrowserRouter, Navigate } from "react-router";
import { WORK_AREAS } from "./areas.js";
import { RequireAuth } from "./auth/RequireAuth.js";
import { RequirePermission } from "./auth/RequirePermission.js";
import { AppShell } from "./components/AppShell.js";
import { AccountPage } from "./routes/accounts/AccountPage.js";
import { AccountsPage } from "./routes/accounts/AccountsPage.js";
import { NetworkAppsPage } from "./routes/admin/NetworkAppsPage.js";
import { OffboardingPage } from "./routes/admin/OffboardingPage.js";
import { OffboardingsPage } from "./routes/admin/OffboardingsPage.js";
import { TeamsPage } from "./routes/admin/TeamsPage.js";
import { UsersPage } from "./routes/admin/UsersPage.js";
import { ContentToSharePage } from "./routes/advocacy/ContentToSharePage.js";
import { CurationPage } from "./routes/advocacy/CurationPage.js";
import { ItemPage as AdvocacyItemPage } from "./routes/advocacy/ItemPage.js";
import { AnalyticsPage } from "./routes/analytics/AnalyticsPage.js";
import { CampaignAnalyticsPage } from "./routes/analytics/CampaignAnalyticsPage.js";
import { ChannelAnalyticsPage } from "./routes/analytics/ChannelAnalyticsPage.js";
import { ChannelsAnalyticsPage } from "./routes/analytics/ChannelsAnalyticsPage.js";
import { LinkAnalyticsPage } from "./routes/analytics/LinkAnalyticsPage.js";
import { PostAnalyticsPage } from "./routes/analytics/PostAnalyticsPage.js";
import { AttestationAdminPage } from "./routes/attestation/AttestationAdminPage.js";
import { AttestationPage } from "./routes/attestation/AttestationPage.js";
import { AuditPage } from "./routes/audit/AuditPage.js";
import { CrisisPage } from "./routes/crisis/CrisisPage.js";
import { HomePage } from "./routes/home/HomePage.js";
import { ApprovalsPage } from "./routes/inbox/ApprovalsPage.js";
import { InboxPage } from "./routes/inbox/InboxPage.js";
import { QueueSettingsPage } from "./routes/inbox/QueueSettingsPage.js";
import { RoutingRulesPage } from "./routes/inbox/RoutingRulesPage.js";
import { KbArticlePage } from "./routes/kb/KbArticlePage.js";
import { KbEditorPage } from "./routes/kb/KbEditorPage.js";
import { KbHistoryPage } from "./routes/kb/KbHistoryPage.js";
import { KbHomePage } from "./routes/kb/KbHomePage.js";
import { PublicArticlePage } from "./routes/kb/PublicArticlePage.js";
import { LoginPage } from "./routes/LoginPage.js";
import { LinkPage } from "./routes/links/LinkPage.js";
import { LinksPage } from "./routes/links/LinksPage.js";
import { ListeningPage } from "./routes/listening/ListeningPage.js";
import { NotFoundPage } from "./routes/NotFoundPage.js";
import { PlaceholderPage } from "./routes/PlaceholderPage.js";
import { PolicyPage } from "./routes/policy/PolicyPage.js";
import { WorkflowsPage } from "./routes/publishing/approvals/WorkflowsPage.js";
import { ComposerPage } from "./routes/publishing/ComposerPage.js";
import { CalendarPage } from "./routes/publishing/calendar/CalendarPage.js";
import { PublishingPage } from "./routes/publishing/PublishingPage.js";
import { ReportsPage } from "./routes/reports/ReportsPage.js";
import { HelpdeskPage } from "./routes/requests/HelpdeskPage.js";
import { QueuePage } from "./routes/requests/QueuePage.js";
import { RequestPage } from "./routes/requests/RequestPage.js";
import { SetupPage } from "./routes/SetupPage.js";
import { PasswordPage } from "./routes/settings/PasswordPage.js";
import { TokensPage } from "./routes/settings/TokensPage.js";
import { CourseBuilderPage } from "./routes/training/CourseBuilderPage.js";
import { CoursePage } from "./routes/training/CoursePage.js";
import { MyTrainingPage } from "./routes/training/MyTrainingPage.js";
import { RequirementsPage } from "./routes/training/RequirementsPage.js";

const placeholders = WORK_AREAS.filter((area) => !area.available).map((area) => ({
  path: area.path.slice(1),
  element: <PlaceholderPage area={area} />,
}));

export const router = createBrowserRouter([
  { path: "/setup", element: <SetupPage /> },
  { path: "/login", element: <LoginPage /> },
  // Public knowledge-base articles, readable without signing in.
  { path: "/help/:slug", element: <PublicArticlePage /> },
  {
    path: "/",
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: "helpdesk", element: <HelpdeskPage /> },
      { path: "helpdesk/requests/:number", element: <RequestPage /> },
      {
        path: "helpdesk/queue",
        element: (
          <RequirePermission permission="requests.work" title="Request queues">
            <QueuePage />
          </RequirePermission>
        ),
      },
      {
        path: "helpdesk/queue/:number",
        element: (
          <RequirePermission permission="requests.work" title="Request">
            <RequestPage />
          </RequirePermission>
        ),
      },
      ...placeholders,
      {
        path: "publishing",
        element: (
          <RequirePermission permission="posts.read" title="Publishing">
            <PublishingPage />
          </RequirePermission>
        ),
      },
      {
        path: "publishing/calendar",
        element: (
          <RequirePermission permission="posts.read" title="Calendar">
            <CalendarPage />
          </RequirePermission>
        ),
      },
      {
        path: "publishing/new",
        element: (
          <RequirePermission permission="posts.write" title="New post">
            <ComposerPage />
          </RequirePermission>
        ),
      },
      {
        path: "publishing/workflows",
        element: (
          <RequirePermission permission="accounts.manage" title="Approval workflows">
            <WorkflowsPage />
          </RequirePermission>
        ),
      },
      {
        path: "publishing/:id",
        element: (
          <RequirePermission permission="posts.read" title="Post">
            <ComposerPage />
          </RequirePermission>
        ),
      },
      {
        path: "inbox",
        element: (
          <RequirePermission permission="inbox.read" title="Inbox">
            <InboxPage />
          </RequirePermission>
        ),
      },
      {
        path: "inbox/approvals",
        element: (
          <RequirePermission permission="inbox.manage" title="Replies waiting for approval">
            <ApprovalsPage />
          </RequirePermission>
        ),
      },
      {
        path: "inbox/settings",
        element: (
          <RequirePermission permission="inbox.manage" title="Inbox queue settings">
            <QueueSettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: "inbox/routing",
        element: (
          <RequirePermission permission="inbox.manage" title="Routing rules">
            <RoutingRulesPage />
          </RequirePermission>
        ),
      },
      {
        path: "listening",
        element: (
          <RequirePermission permission="inbox.read" title="Listening">
            <ListeningPage />
          </RequirePermission>
        ),
      },
      {
        path: "crisis",
        element: (
          <RequirePermission permission="inbox.read" title="Crisis">
            <CrisisPage />
          </RequirePermission>
        ),
      },
      {
        path: "links",
        element: (
          <RequirePermission permission="posts.read" title="Links">
            <LinksPage />
          </RequirePermission>
        ),
      },
      {
        path: "advocacy",
        element: (
          <RequirePermission permission="advocacy.share" title="Content to share">
            <ContentToSharePage />
          </RequirePermission>
        ),
      },
      {
        path: "advocacy/manage",
        element: (
          <RequirePermission permission="advocacy.manage" title="Curate content to share">
            <CurationPage />
          </RequirePermission>
        ),
      },
      {
        path: "advocacy/manage/:id",
        element: (
          <RequirePermission permission="advocacy.manage" title="Shareable item">
            <AdvocacyItemPage />
          </RequirePermission>
        ),
      },
      {
        path: "analytics",
        element: (
          <RequirePermission permission="posts.read" title="Analytics">
            <AnalyticsPage />
          </RequirePermission>
        ),
      },
      {
        path: "analytics/campaigns/:id",
        element: (
          <RequirePermission permission="posts.read" title="Campaign analytics">
            <CampaignAnalyticsPage />
          </RequirePermission>
        ),
      },
      {
        path: "analytics/channels",
        element: (
          <RequirePermission permission="posts.read" title="Channel metrics">
            <ChannelsAnalyticsPage />
          </RequirePermission>
        ),
      },
      {
        path: "analytics/channels/:id",
        element: (
          <RequirePermission permission="posts.read" title="Channel metrics">
            <ChannelAnalyticsPage />
          </RequirePermission>
        ),
      },
      {
        path: "analytics/posts/:id",
        element: (
          <RequirePermission permission="posts.read" title="Post metrics">
            <PostAnalyticsPage />
          </RequirePermission>
        ),
      },
      {
        path: "analytics/links/:id",
        element: (
          <RequirePermission permission="posts.read" title="Link analytics">
            <LinkAnalyticsPage />
          </RequirePermission>
        ),
      },
      {
        path: "links/:id",
        element: (
          <RequirePermission permission="posts.read" title="Link">
            <LinkPage />
          </RequirePermission>
        ),
      },
      {
        path: "accounts",
        element: (
          <RequirePermission permission="accounts.read" title="Accounts">
            <AccountsPage />
          </RequirePermission>
        ),
      },
      {
        path: "accounts/:id",
        element: (
          <RequirePermission permission="accounts.read" title="Account">
            <AccountPage />
          </RequirePermission>
        ),
      },
      {
        path: "policy",
        element: (
          <RequirePermission permission="policy.check" title="Policy">
            <PolicyPage />
          </RequirePermission>
        ),
      },
      {
        path: "audit",
        element: (
          <RequirePermission permission="audit.read" title="Audit log">
            <AuditPage />
          </RequirePermission>
        ),
      },
      { path: "kb", element: <KbHomePage /> },
      {
        path: "kb/new",
        element: (
          <RequirePermission permission="kb.manage" title="New article">
            <KbEditorPage />
          </RequirePermission>
        ),
      },
      { path: "kb/:slug", element: <KbArticlePage /> },
      {
        path: "kb/:slug/edit",
        element: (
          <RequirePermission permission="kb.manage" title="Edit article">
            <KbEditorPage />
          </RequirePermission>
        ),
      },
      {
        path: "kb/:slug/history",
        element: (
          <RequirePermission permission="kb.manage" title="Article history">
            <KbHistoryPage />
          </RequirePermission>
        ),
      },
      { path: "training", element: <MyTrainingPage /> },
      { path: "training/courses/:courseId", element: <CoursePage /> },
      {
        path: "training/manage/:courseId",
        element: (
          <RequirePermission permission="training.manage" title="Course builder">
            <CourseBuilderPage />
          </RequirePermission>
        ),
      },
      {
        path: "training/requirements",
        element: (
          <RequirePermission permission="users.manage" title="Training requirements">
            <RequirementsPage />
          </RequirePermission>
        ),
      },
      { path: "attestation", element: <AttestationPage /> },
      {
        path: "attestation/manage",
        element: (
          <RequirePermission permission="attestation.manage" title="Social media policy">
            <AttestationAdminPage />
          </RequirePermission>
        ),
      },
      {
        path: "reports",
        element: (
          <RequirePermission permission="requests.manage" title="Reports">
            <ReportsPage />
          </RequirePermission>
        ),
      },
      { path: "admin", element: <Navigate to="/admin/users" replace /> },
      {
        path: "admin/users",
        element: (
          <RequirePermission permission="users.read" title="Users">
            <UsersPage />
          </RequirePermission>
        ),
      },
      {
        path: "admin/teams",
        element: (
          <RequirePermission permission="teams.read" title="Teams">
            <TeamsPage />
          </RequirePermission>
        ),
      },
      {
        path: "admin/offboardings",
        element: (
          <RequirePermission permission="users.manage" title="Offboardings">
            <OffboardingsPage />
          </RequirePermission>
        ),
      },
      {
        path: "admin/offboardings/:id",
        element: (
          <RequirePermission permission="users.manage" title="Offboarding">
            <OffboardingPage />
          </RequirePermission>
        ),
      },
      {
        path: "admin/network-apps",
        element: (
          <RequirePermission permission="accounts.manage" title="Network apps">
            <NetworkAppsPage />
          </RequirePermission>
        ),
      },
      { path: "settings", element: <Navigate to="/settings/tokens" replace /> },
      {
        path: "settings/tokens",
        element: (
          <RequirePermission permission="tokens.manage" title="API tokens">
            <TokensPage />
          </RequirePermission>
        ),
      },
      { path: "settings/password", element: <PasswordPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
