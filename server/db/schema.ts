import type { Generated } from "kysely";

/**
 * Table types shared by both dialects. Timestamps are ISO-8601 UTC strings
 * (`Date#toISOString()`): SQLite stores them as text and the PostgreSQL pool
 * parses timestamptz back into the same string form (see database.ts), so
 * code never sees two representations. JSON columns hold serialised text.
 */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  role: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  csrf_hash: string;
  user_id: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  max_expires_at: string;
  revoked_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  prefix: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface SetupTokensTable {
  id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: string;
  changes: string | null;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: "queued" | "running" | "succeeded" | "failed";
  attempts: number;
  max_attempts: number;
  run_at: string;
  dedupe_key: string | null;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface AccountsTable {
  id: string;
  network: string;
  handle: string;
  handle_key: string;
  url: string | null;
  display_name: string;
  owner_id: string | null;
  team_id: string | null;
  purpose: string;
  audience: string;
  status: string;
  two_factor: string;
  recovery_contact: string;
  notes: string;
  last_activity_at: string | null;
  connection_status: string;
  external_id: string | null;
  connected_at: string | null;
  token_expires_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  refresh_lock_owner: string | null;
  refresh_lock_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface NetworkAppsTable {
  id: string;
  network: string;
  base_url: string;
  client_id: string;
  created_at: string;
  updated_at: string;
}

export interface OAuthStatesTable {
  state_hash: string;
  account_id: string;
  user_id: string;
  base_url: string;
  verifier_sealed: string;
  expires_at: string;
}

export interface AccountGrantsTable {
  account_id: string;
  subject_type: string;
  subject_id: string;
  permission: string;
  granted_by: string | null;
  created_at: string;
}

export interface VaultSecretsTable {
  id: string;
  owner_type: string;
  owner_id: string;
  kind: string;
  key_id: string;
  nonce: string;
  ciphertext: string;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OffboardingsTable {
  id: string;
  user_id: string;
  user_email: string;
  reassigned_to: string | null;
  performed_by: string | null;
  summary: string;
  checklist: string;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
  /** null: not emailed (yet); sending, sent, failed, skipped. */
  email_state: string | null;
  /** When the email was taken for sending (a stale claim is taken again). */
  email_claimed_at: string | null;
}

export interface FeedItemsTable {
  id: string;
  account_id: string;
  item_id: string;
  title: string;
  content_html: string;
  content_text: string;
  link: string | null;
  published_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ApprovalWorkflowsTable {
  id: string;
  name: string;
  scope_type: string;
  scope_id: string;
  expire_minutes_before: number;
  steps: string;
  created_at: string;
  updated_at: string;
}

export interface PostApprovalStepsTable {
  id: string;
  post_id: string;
  round: number;
  position: number;
  name: string;
  mode: string;
  approvers: string;
  reason: string;
  submitted_by: string;
  status: string;
  expires_at: string;
  decided_at: string | null;
}

export interface PostApprovalDecisionsTable {
  id: string;
  step_id: string;
  user_id: string;
  decision: string;
  created_at: string;
}

export interface PostCommentsTable {
  id: string;
  post_id: string;
  user_id: string;
  body: string;
  created_at: string;
}

export interface PostingQueueSlotsTable {
  account_id: string;
  weekday: number;
  time: string;
  time_zone: string;
}

export interface PolicyConfigTable {
  id: string;
  settings: string;
  lexicon: string;
  claim_approvers: string;
  version: number;
  updated_at: string;
}

export interface PolicyStylesTable {
  name: string;
  files: string;
  created_at: string;
}

export interface CampaignsTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface PostsTable {
  id: string;
  author_id: string;
  campaign_id: string | null;
  text: string;
  tags: string;
  time_zone: string;
  scheduled_at: string | null;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** JSON RepeatRule (posts/schedule/recurrence.ts); null: does not repeat. */
  repeat: string | null;
  series_id: string | null;
  occurrence: number | null;
  series_first_at: string | null;
}

export interface PostVariantsTable {
  id: string;
  post_id: string;
  account_id: string | null;
  network: string;
  text: string | null;
  thread_parts: string;
  status: string;
  remote_id: string | null;
  remote_url: string | null;
  published_at: string | null;
  last_error: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  next_attempt_at: string | null;
}

export interface PublishAttemptsTable {
  id: string;
  variant_id: string;
  worker: string;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  error_kind: string | null;
  message: string | null;
  remote_id: string | null;
  remote_url: string | null;
}

export interface PublishPausesTable {
  id: string;
  scope: string;
  scope_id: string | null;
  scope_label: string;
  reason: string;
  paused_by: string | null;
  paused_at: string;
  resumed_by: string | null;
  resumed_at: string | null;
}

export interface MediaTable {
  id: string;
  uploader_id: string | null;
  storage_key: string;
  mime_type: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  alt_text: string;
  sha256: string;
  created_at: string;
}

export interface PostMediaTable {
  post_id: string;
  media_id: string;
  position: number;
}

export interface KbCategoriesTable {
  id: string;
  name: string;
  slug: string;
  description: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface KbArticlesTable {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  body_text: string;
  html: string;
  category_id: string | null;
  visibility: string;
  version: number;
  starter_key: string | null;
  /** SQLite only: this article's row in the FTS5 table kb_search. */
  search_rowid: number | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface KbArticleVersionsTable {
  article_id: string;
  version: number;
  slug: string;
  title: string;
  summary: string;
  body: string;
  category_id: string | null;
  visibility: string;
  author_id: string | null;
  author_label: string;
  note: string;
  created_at: string;
}

export interface KbVotesTable {
  article_id: string;
  user_id: string;
  helpful: number;
  created_at: string;
  updated_at: string;
}

export interface KbSuggestionSessionsTable {
  id: string;
  user_id: string;
  request_type: string | null;
  query: string;
  shown: string;
  clicked: string;
  solved_article_id: string | null;
  solved_at: string | null;
  request_id: string | null;
  request_filed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface KbStarterImportsTable {
  key: string;
  article_id: string | null;
  imported_at: string;
}

export interface InboxContactsTable {
  id: string;
  display_name: string;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
}

export interface InboxIdentitiesTable {
  id: string;
  contact_id: string;
  network: string;
  external_id: string;
  handle: string | null;
  display_name: string | null;
  created_at: string;
}

export interface InboxConversationsTable {
  id: string;
  account_id: string;
  network: string;
  kind: string;
  thread_key: string;
  contact_id: string | null;
  subject: string;
  status: string;
  priority: string;
  team_id: string | null;
  assignee_id: string | null;
  tags: string;
  suggested_reply_id: string | null;
  sentiment: string | null;
  intent: string | null;
  topic: string | null;
  message_count: number;
  first_message_at: string;
  last_message_at: string;
  snoozed_until: string | null;
  created_at: string;
  updated_at: string;
  // 0025_inbox_queue: optional on insert, so ingestion's rows need not name them.
  sla_policy_id?: string | null;
  sla_due_at?: string | null;
  sla_warn_at?: string | null;
  queue_synced_at?: string | null;
}

export interface InboxMessagesTable {
  id: string;
  conversation_id: string;
  account_id: string;
  external_id: string;
  direction: string;
  contact_id: string | null;
  author_user_id: string | null;
  text: string;
  url: string | null;
  in_reply_to: string | null;
  sentiment: string | null;
  sentiment_confidence: number | null;
  intent: string | null;
  topic: string | null;
  sent_at: string;
  received_at: string;
}

export interface InboxParkedEventsTable {
  id: string;
  source: string;
  reason: string;
  payload: string;
  received_at: string;
  resolved_at: string | null;
}

export interface InboxRoutingRulesTable {
  id: string;
  position: number;
  name: string;
  enabled: number;
  conditions: string;
  actions: string;
  stop: number;
  created_at: string;
  updated_at: string;
}

export interface InboxCrisisAlertsTable {
  id: string;
  series: string;
  severity: string;
  raised_at: string;
  spike_start: string;
  figures: string;
  message_ids: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
}
export interface InboxCrisisWebhooksTable {
  id: string;
  url: string;
  description: string;
  enabled: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export interface InboxCrisisWebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  alert_id: string | null;
  event: string;
  body: string;
  status: string;
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  created_at: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
}

export interface InboxCrisisModesTable {
  id: string;
  reason: string;
  alert_id: string | null;
  pause_id: string | null;
  started_by: string | null;
  started_at: string;
  ended_by: string | null;
  ended_at: string | null;
  active: number | null;
}

export interface InboxCannedRepliesTable {
  id: string;
  name: string;
  text: string;
  created_at: string;
  updated_at: string;
}

export interface ListeningTopicsTable {
  id: string;
  name: string;
  terms: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface ListeningHitsTable {
  topic_id: string;
  message_id: string;
  matched: string;
  sent_at: string;
}

// listening by network search (server/listening, migration 0026)
export interface ListeningSearchesTable {
  topic_id: string;
  account_id: string;
  term: string;
  cursor: string | null;
  sweep_from: string | null;
  sweep_until: string | null;
  covered_until: string | null;
  next_run_at: string;
  failures: number;
  last_error: string | null;
  last_run_at: string | null;
}

export interface ListeningFoundTable {
  id: string;
  topic_id: string;
  network: string;
  external_id: string;
  account_id: string | null;
  author_id: string;
  author_handle: string | null;
  author_name: string | null;
  text: string;
  url: string | null;
  sentiment: string | null;
  matched: string;
  sent_at: string;
  found_at: string;
}

export interface InboxSourcesTable {
  account_id: string;
  stream: string;
  cursor: string | null;
  next_poll_at: string;
  failures: number;
  last_error: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
}

// help desk requests (server/requests, migration 0020)
export interface SlaCalendarsTable {
  id: string;
  name: string;
  time_zone: string;
  weekly: string;
  holidays: string;
  updated_at: string;
}

export interface SlaPoliciesTable {
  id: string;
  name: string;
  calendar_id: string;
  first_response_minutes: number;
  next_response_minutes: number;
  resolution_minutes: number;
  warn_before_minutes: number;
  updated_at: string;
}

export interface RequestQueuesTable {
  id: string;
  name: string;
  team_id: string | null;
  updated_at: string;
}

export interface RequestTypesTable {
  key: string;
  name: string;
  description: string;
  queue_id: string;
  policy_id: string;
  default_priority: string;
  fields: string;
  workflow: string;
  position: number;
  enabled: number;
  updated_at: string;
}

export interface RequestCounterTable {
  id: string;
  value: number;
}

export interface RequestsTable {
  id: string;
  number: number;
  type: string;
  queue_id: string;
  policy_id: string;
  subject: string;
  description: string;
  fields: string;
  status: string;
  priority: string;
  requester_id: string;
  assignee_id: string | null;
  account_id: string | null;
  article_id: string | null;
  suggestion_session_id: string | null;
  approval: string | null;
  decided_by: string | null;
  decided_at: string | null;
  outcome: string | null;
  checklist: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  first_responded_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  reopen_count: number;
  created_at: string;
  updated_at: string;
}

export interface RequestMessagesTable {
  id: string;
  request_id: string;
  author_id: string | null;
  author_label: string;
  visibility: string;
  text: string;
  created_at: string;
}

export interface RequestSlaCyclesTable {
  id: string;
  request_id: string;
  metric: string;
  cycle: number;
  calendar_id: string;
  target_minutes: number;
  warn_before_minutes: number;
  segments: string;
  started_at: string;
  due_at: string | null;
  warn_at: string | null;
  warned_at: string | null;
  breached_at: string | null;
  stopped_at: string | null;
  outcome: string | null;
}

export interface InboxSlaCyclesTable {
  id: string;
  conversation_id: string;
  metric: string;
  cycle: number;
  policy_id: string;
  calendar_id: string;
  target_minutes: number;
  warn_before_minutes: number;
  segments: string;
  started_at: string;
  due_at: string | null;
  warn_at: string | null;
  warned_at: string | null;
  breached_at: string | null;
  stopped_at: string | null;
  outcome: string | null;
}

export interface InboxAgentsTable {
  user_id: string;
  presence: string;
  presence_auto: number;
  capacity: number;
  last_active_at: string | null;
  last_assigned_at: string | null;
  updated_at: string;
}

export interface InboxTeamSettingsTable {
  team_id: string;
  auto_assign: string;
  sla_policy_id: string | null;
  updated_at: string;
}

export interface InboxSettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface InboxHeldRepliesTable {
  id: string;
  conversation_id: string;
  author_user_id: string | null;
  text: string;
  findings: string;
  status: string;
  comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  message_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface InboxLeadsTable {
  conversation_id: string;
  name: string;
  company: string;
  email: string;
  note: string;
  marked_by: string | null;
  marked_at: string;
  updated_at: string;
  delivery_status: string;
  delivery_id: string | null;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
}

export interface EmailChannelsTable {
  account_id: string;
  address: string;
  username: string;
  imap_host: string;
  imap_port: number;
  imap_security: string;
  smtp_host: string;
  smtp_port: number;
  smtp_security: string;
  created_at: string;
  updated_at: string;
}

export interface TrainingCoursesTable {
  id: string;
  slug: string;
  title: string;
  summary: string;
  published: number;
  pass_mark: number;
  questions_per_attempt: number;
  max_attempts: number | null;
  retry_delay_minutes: number;
  validity_days: number | null;
  recert_window_days: number;
  starter_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingLessonsTable {
  id: string;
  course_id: string;
  position: number;
  title: string;
  body: string;
  html: string;
  created_at: string;
  updated_at: string;
}

export interface TrainingLessonReadsTable {
  lesson_id: string;
  user_id: string;
  read_at: string;
}

export interface TrainingQuestionsTable {
  id: string;
  course_id: string;
  prompt: string;
  options: string;
  explanation: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface TrainingAttemptsTable {
  id: string;
  course_id: string;
  user_id: string;
  questions: string;
  pass_mark: number;
  started_at: string;
  submitted_at: string | null;
  answers: string | null;
  score: number | null;
  passed: number | null;
}

export interface TrainingCertificationsTable {
  id: string;
  course_id: string;
  user_id: string;
  attempt_id: string;
  score: number;
  granted_at: string;
  expires_at: string | null;
  reminded_at: string | null;
  lapsed_at: string | null;
}

export interface TrainingAttemptResetsTable {
  course_id: string;
  user_id: string;
  reset_at: string;
}

export interface TrainingStarterImportsTable {
  key: string;
  imported_at: string;
}

export interface PermissionRequirementsTable {
  id: string;
  subject: string;
  kind: string;
  course_id: string | null;
  created_at: string;
}

export interface PolicyVersionsTable {
  version: number;
  title: string;
  body: string;
  html: string;
  substantive: number;
  note: string;
  published_by: string | null;
  published_by_label: string;
  published_at: string;
}

export interface PolicyCampaignsTable {
  id: string;
  version: number;
  audience: string;
  due_at: string;
  allow_late: number;
  remind_every_days: number;
  last_reminded_at: string | null;
  closed_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface PolicyViewsTable {
  id: string;
  user_id: string;
  version: number;
  served_at: string;
}

export interface PolicyAcknowledgmentsTable {
  id: string;
  user_id: string;
  version: number;
  campaign_id: string | null;
  view_id: string;
  acknowledged_at: string;
  open_ms: number;
  late: number;
}

export interface DB {
  users: UsersTable;
  user_roles: UserRolesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  setup_tokens: SetupTokensTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  accounts: AccountsTable;
  account_grants: AccountGrantsTable;
  vault_secrets: VaultSecretsTable;
  offboardings: OffboardingsTable;
  network_apps: NetworkAppsTable;
  oauth_states: OAuthStatesTable;
  notifications: NotificationsTable;
  feed_items: FeedItemsTable;
  campaigns: CampaignsTable;
  posts: PostsTable;
  post_variants: PostVariantsTable;
  posting_queue_slots: PostingQueueSlotsTable;
  policy_config: PolicyConfigTable;
  policy_styles: PolicyStylesTable;
  approval_workflows: ApprovalWorkflowsTable;
  post_approval_steps: PostApprovalStepsTable;
  post_approval_decisions: PostApprovalDecisionsTable;
  post_comments: PostCommentsTable;
  publish_attempts: PublishAttemptsTable;
  publish_pauses: PublishPausesTable;
  media: MediaTable;
  post_media: PostMediaTable;
  // knowledge base
  kb_categories: KbCategoriesTable;
  kb_articles: KbArticlesTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_votes: KbVotesTable;
  kb_suggestion_sessions: KbSuggestionSessionsTable;
  kb_starter_imports: KbStarterImportsTable;
  // inbox
  inbox_contacts: InboxContactsTable;
  inbox_identities: InboxIdentitiesTable;
  inbox_conversations: InboxConversationsTable;
  inbox_messages: InboxMessagesTable;
  inbox_parked_events: InboxParkedEventsTable;
  inbox_routing_rules: InboxRoutingRulesTable;
  inbox_sources: InboxSourcesTable;
  inbox_crisis_alerts: InboxCrisisAlertsTable;
  inbox_crisis_modes: InboxCrisisModesTable;
  inbox_crisis_webhooks: InboxCrisisWebhooksTable;
  inbox_crisis_webhook_deliveries: InboxCrisisWebhookDeliveriesTable;
  inbox_canned_replies: InboxCannedRepliesTable;
  // listening
  listening_topics: ListeningTopicsTable;
  listening_hits: ListeningHitsTable;
  listening_searches: ListeningSearchesTable;
  listening_found: ListeningFoundTable;
  // help desk requests
  sla_calendars: SlaCalendarsTable;
  sla_policies: SlaPoliciesTable;
  request_queues: RequestQueuesTable;
  request_types: RequestTypesTable;
  request_counter: RequestCounterTable;
  requests: RequestsTable;
  request_messages: RequestMessagesTable;
  request_sla_cycles: RequestSlaCyclesTable;
  email_channels: EmailChannelsTable;
  // inbox queue (0025)
  inbox_sla_cycles: InboxSlaCyclesTable;
  inbox_agents: InboxAgentsTable;
  inbox_team_settings: InboxTeamSettingsTable;
  inbox_settings: InboxSettingsTable;
  inbox_held_replies: InboxHeldRepliesTable;
  inbox_leads: InboxLeadsTable;

  training_courses: TrainingCoursesTable;
  training_lessons: TrainingLessonsTable;
  training_lesson_reads: TrainingLessonReadsTable;
  training_questions: TrainingQuestionsTable;
  training_attempts: TrainingAttemptsTable;
  training_certifications: TrainingCertificationsTable;
  training_attempt_resets: TrainingAttemptResetsTable;
  training_starter_imports: TrainingStarterImportsTable;
  permission_requirements: PermissionRequirementsTable;
  policy_versions: PolicyVersionsTable;
  policy_campaigns: PolicyCampaignsTable;
  policy_views: PolicyViewsTable;
  policy_acknowledgments: PolicyAcknowledgmentsTable;
}

export type { Generated };
