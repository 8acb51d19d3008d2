import type { SwitchboardMigration } from "../migration.js";
import { migration as m0001 } from "./0001_identity.js";
import { migration as m0002 } from "./0002_audit.js";
import { migration as m0003 } from "./0003_jobs.js";
import { migration as m0004 } from "./0004_accounts.js";
import { migration as m0005 } from "./0005_notifications.js";
import { migration as m0006 } from "./0006_feed_items.js";
import { migration as m0007 } from "./0007_posts.js";
import { migration as m0008 } from "./0008_publish_attempts.js";
import { migration as m0009 } from "./0009_approvals.js";
import { migration as m0010 } from "./0010_publish_pauses.js";
import { migration as m0011 } from "./0011_publish_engine_indexes.js";
import { migration as m0012 } from "./0012_queues_and_repeats.js";
import { migration as m0013 } from "./0013_media.js";
import { migration as m0014 } from "./0014_policy.js";
import { migration as m0015 } from "./0015_kb.js";
import { migration as m0016 } from "./0016_inbox.js";
import { migration as m0017 } from "./0017_crisis.js";
import { migration as m0018 } from "./0018_canned_replies.js";
import { migration as m0019 } from "./0019_listening.js";
import { migration as m0020 } from "./0020_requests.js";
import { migration as m0021 } from "./0021_email_channels.js";
import { migration as m0022 } from "./0022_links.js";
import { migration as m0023 } from "./0023_crisis_alerting.js";
import { migration as m0024 } from "./0024_training.js";
import { migration as m0025 } from "./0025_inbox_queue.js";
import { migration as m0026 } from "./0026_listening_search.js";
import { migration as m0027advocacy } from "./0027_advocacy.js";
import { migration as m0027analytics } from "./0027_analytics.js";
import { migration as m0028 } from "./0028_network_metrics.js";
import { migration as m0029 } from "./0029_notification_email_claims.js";

/** Every migration, in order. Names are permanent: never rename or edit a released one. */
export const MIGRATIONS: Record<string, SwitchboardMigration> = {
  "0001_identity": m0001,
  "0002_audit": m0002,
  "0003_jobs": m0003,
  "0004_accounts": m0004,
  "0005_notifications": m0005,
  "0006_feed_items": m0006,
  "0007_posts": m0007,
  "0008_publish_attempts": m0008,
  "0009_approvals": m0009,
  "0010_publish_pauses": m0010,
  "0011_publish_engine_indexes": m0011,
  "0012_queues_and_repeats": m0012,
  "0013_media": m0013,
  "0014_policy": m0014,
  "0015_kb": m0015,
  "0016_inbox": m0016,
  "0017_crisis": m0017,
  "0018_canned_replies": m0018,
  "0019_listening": m0019,
  "0020_requests": m0020,
  "0021_email_channels": m0021,
  "0022_links": m0022,
  "0023_crisis_alerting": m0023,
  "0024_training": m0024,
  "0025_inbox_queue": m0025,
  "0026_listening_search": m0026,
  "0027_advocacy": m0027advocacy,
  "0027_analytics": m0027analytics,
  "0028_network_metrics": m0028,
  "0029_notification_email_claims": m0029,
};
