import { rollupAnalyticsJob, weeklyDigestJob } from "../analytics/jobs.js";
import { collectMetricsJob } from "../analytics/metrics/job.js";
import { attestationRemindersJob } from "../attestation/reminders.js";
import { workQueueJob } from "../inbox/assignment/workQueue.js";
import { wakeSnoozedJob } from "../inbox/conversations/wakeSnoozed.js";
import { crisisTickJob } from "../inbox/crisis/tickJob.js";
import { deliverWebhookJob } from "../inbox/crisis/webhooks/deliverJob.js";
import { deliverLeadJob } from "../inbox/leads/deliverJob.js";
import { pollInboxJob } from "../inbox/poll/pollJob.js";
import { inboxSlaJob } from "../inbox/sla/watchSlas.js";
import { rollupLinkClicksJob, rotateLinkSaltsJob } from "../links/jobs.js";
import { searchTopicsJob } from "../listening/search/searchJob.js";
import { emailNotificationsJob } from "../notifications/emailJob.js";
import { expireApprovalsJob } from "../posts/approvals/expireJob.js";
import { repeatPostsJob } from "../posts/schedule/repeatJob.js";
import { requestSlaJob } from "../requests/slaWatch.js";
import { certificationWatchJob } from "../training/certificationWatch.js";
import type { JobDefinition } from "./job.js";
import { purgeExpiredJob } from "./purgeExpired.js";
import { refreshTokensJob } from "./refreshTokens.js";

/** Every job the application knows. A queued row names one of these. */
export const JOBS: readonly JobDefinition[] = [
  purgeExpiredJob,
  refreshTokensJob,
  emailNotificationsJob,
  expireApprovalsJob,
  repeatPostsJob,
  pollInboxJob,
  wakeSnoozedJob,
  workQueueJob,
  inboxSlaJob,
  deliverLeadJob,
  requestSlaJob,
  crisisTickJob,
  deliverWebhookJob,
  rollupLinkClicksJob,
  rotateLinkSaltsJob,
  rollupAnalyticsJob,
  weeklyDigestJob,
  collectMetricsJob,
  certificationWatchJob,
  attestationRemindersJob,
  searchTopicsJob,
] as readonly JobDefinition[];
