import { wakeSnoozedJob } from "../inbox/conversations/wakeSnoozed.js";
import { crisisTickJob } from "../inbox/crisis/tickJob.js";
import { deliverWebhookJob } from "../inbox/crisis/webhooks/deliverJob.js";
import { pollInboxJob } from "../inbox/poll/pollJob.js";
import { rollupLinkClicksJob, rotateLinkSaltsJob } from "../links/jobs.js";
import { emailNotificationsJob } from "../notifications/emailJob.js";
import { expireApprovalsJob } from "../posts/approvals/expireJob.js";
import { repeatPostsJob } from "../posts/schedule/repeatJob.js";
import { requestSlaJob } from "../requests/slaWatch.js";
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
  requestSlaJob,
  crisisTickJob,
  deliverWebhookJob,
  rollupLinkClicksJob,
  rotateLinkSaltsJob,
] as readonly JobDefinition[];
