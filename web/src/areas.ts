import type { Permission } from "./api/types.js";

/** The capability areas of PRODUCT.md, as the navigation, Home and the placeholder pages show them. */
export interface Area {
  path: string;
  title: string;
  /** One or two sentences: what the area does, in the product's words. */
  summary: string;
  /** False until the area's first screen exists; its page then says so instead of showing fake data. */
  available: boolean;
  permission?: Permission;
}

export const WORK_AREAS: Area[] = [
  {
    path: "/publishing",
    title: "Publishing",
    summary:
      "Plan posts on a shared calendar, with a variant per channel and campaigns across time zones. Posts go through approval according to what they claim, and scheduled posts go out on time, exactly once.",
    available: true,
    permission: "posts.read",
  },
  {
    path: "/inbox",
    title: "Inbox",
    summary:
      "Mentions, comments, direct messages, reviews and email from every connected channel in one queue. Each conversation is classified, routed to the right team and answered within its SLA.",
    available: true,
    permission: "inbox.read",
  },
  {
    path: "/listening",
    title: "Listening",
    summary:
      "Follow keywords and hashtags beyond direct mentions, with volume and sentiment compared to a rolling baseline. Spikes raise an alert, and crisis mode pauses scheduled posts and gathers the team.",
    available: true,
    permission: "inbox.read",
  },
  {
    path: "/crisis",
    title: "Crisis",
    summary:
      "Surges of negative messages per channel and listening topic against each one's own week, with the messages behind them. Alerts reach people by email and webhook; crisis mode pauses publishing.",
    available: true,
    permission: "inbox.read",
  },
  {
    path: "/accounts",
    title: "Accounts",
    summary:
      "An inventory of every corporate account on every network: owner, purpose, who has access, 2FA status and health. Credentials are encrypted in the vault and never shown to anyone.",
    available: true,
    permission: "accounts.read",
  },
  {
    path: "/policy",
    title: "Policy",
    summary:
      "The company's lexicon, disclosure, inclusive-language and netiquette rules, checked live on every draft, reply and share. Each finding explains why and links to the guide.",
    available: true,
    permission: "policy.check",
  },
  {
    path: "/helpdesk",
    title: "Help desk",
    summary:
      "Employees ask for help with lost access, 2FA, a new or fake account, or a policy question. Each request is routed to IT, marketing, PR or legal with an SLA.",
    available: true,
  },
  {
    path: "/kb",
    title: "Knowledge base",
    summary:
      "A guide for each network, the netiquette guide the policy's findings link to, and answers to common questions, searchable by everyone.",
    available: true,
  },
  {
    path: "/training",
    title: "Training",
    summary:
      "Short courses on netiquette and the brand's voice, with quizzes graded on the server. Certificates expire and are renewed; some work needs them.",
    available: true,
  },
  {
    path: "/attestation",
    title: "Policies",
    summary: "The social media policy to read and acknowledge, with what changed since the version you last accepted.",
    available: true,
  },
  {
    path: "/advocacy",
    title: "Content to share",
    summary:
      "Posts the company would be glad to see on your own accounts: make the text yours, keep the disclosure, and see how many people your share reached.",
    available: true,
    permission: "advocacy.share",
  },
  {
    path: "/links",
    title: "Links",
    summary: "Tracked short links with QR codes: clicks per hour and day for every link in every post, without keeping who clicked.",
    available: true,
    permission: "posts.read",
  },
  {
    path: "/analytics",
    title: "Analytics",
    summary:
      "Clicks, leads and sales per campaign, channel, post and link, what they cost and return, and inbox and help desk response times. Conversions from the website are tied to the click that brought them.",
    available: true,
    permission: "posts.read",
  },
  {
    path: "/reports",
    title: "Reports",
    summary:
      "Help desk requests by type and queue, SLA attainment, knowledge-base deflection, training completion and policy acknowledgments, each with CSV export.",
    available: true,
    permission: "requests.manage",
  },
  {
    path: "/audit",
    title: "Audit log",
    summary: "Every action in an append-only, tamper-evident log that anyone with access can search and verify.",
    available: true,
    permission: "audit.read",
  },
];

export const ADMIN_AREAS: Area[] = [
  {
    path: "/admin/users",
    title: "Users",
    summary: "Invite people, give them roles, reset passwords and disable accounts.",
    available: true,
    permission: "users.manage",
  },
  {
    path: "/admin/teams",
    title: "Teams",
    summary: "Group people into teams with members and leads.",
    available: true,
    permission: "teams.manage",
  },
  {
    path: "/admin/offboardings",
    title: "Offboardings",
    summary: "When someone leaves: what was revoked, and the checklist of what to remove on each network by hand.",
    available: true,
    permission: "users.manage",
  },
  {
    path: "/admin/network-apps",
    title: "Network apps",
    summary:
      "The apps Switchboard signs in to X, LinkedIn and Meta as: client ids, secrets in the vault, and the redirect URI to register.",
    available: true,
    permission: "accounts.manage",
  },
];

export const SETTINGS_AREAS: Area[] = [
  {
    path: "/settings/tokens",
    title: "API tokens",
    summary: "Tokens for scripts and the CLI, with scopes you choose.",
    available: true,
    permission: "tokens.manage",
  },
  { path: "/settings/password", title: "Password", summary: "Change the password you sign in with.", available: true },
];

export const allowed = (area: Area, permissions: readonly Permission[]) => !area.permission || permissions.includes(area.permission);
