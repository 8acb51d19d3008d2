import { verifyMailbox } from "../../../connectors/email/index.js";
import { isConnectorError } from "../../../connectors/errors.js";
import { recordFailure, recordSuccess } from "../../connections/connectionState.js";
import { AppError } from "../../errors.js";
import type { Services } from "../../services.js";
import { loadMailbox } from "./store.js";

/**
 * Signs in to the channel's mail servers now and writes the outcome on its health, as the check of any
 * other connection does: a refused password marks it needs_reconnect (audited, its owner told).
 */
export async function checkEmail(services: Services, accountId: string): Promise<void> {
  const mailbox = await loadMailbox(services.db, services.keyring, accountId);
  if (!mailbox) throw new AppError(409, "not_connected", "Connect this email channel first.");
  try {
    await verifyMailbox(mailbox.settings, mailbox.password);
    await recordSuccess(services.db, accountId);
  } catch (error) {
    if (!isConnectorError(error)) throw error;
    await recordFailure(services.db, accountId, error);
  }
}
