import { wakeSnoozedJob } from "../inbox/conversations/wakeSnoozed.js";
import { pollInboxJob } from "../inbox/poll/pollJob.js";
import { emailNotificationsJob } from "../notifications/emailJob.js";
import { expireApprovalsJob } from "../posts/approvals/expireJob.js";
import { repeatPostsJob } from "../posts/schedule/repeatJob.js";
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
] as readonly JobDefinition[];
