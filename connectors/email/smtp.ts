import { createTransport } from "nodemailer";
import { mailError } from "./errors.js";
import type { MailSettings } from "./settings.js";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** The Message-ID to give it, with angle brackets (the caller makes it, so it is known before sending). */
  messageId: string;
  /** The message answered. */
  inReplyTo: string | null;
  /** The thread so far, oldest first. */
  references: readonly string[];
}

export function smtpTransport(settings: MailSettings, password: string) {
  const { smtp } = settings;
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    auth: { user: settings.username, pass: password },
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/**
 * Sends one message from the channel's address. A failure before the server took the message is
 * `unavailable` or `rejected` (nothing was sent); a connection lost while sending it is `unknown_outcome`.
 */
export async function sendEmail(settings: MailSettings, password: string, mail: OutgoingEmail): Promise<{ messageId: string }> {
  const transport = smtpTransport(settings, password);
  try {
    await transport.sendMail({
      from: settings.address,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references.length > 0 ? { references: [...mail.references] } : {}),
    });
    return { messageId: mail.messageId };
  } catch (error) {
    throw mailError(error, "SMTP", "unknown_outcome");
  } finally {
    transport.close();
  }
}

/** Signs in to the SMTP server without sending anything. */
export async function verifySmtp(settings: MailSettings, password: string): Promise<void> {
  const transport = smtpTransport(settings, password);
  try {
    await transport.verify();
  } catch (error) {
    throw mailError(error, "SMTP");
  } finally {
    transport.close();
  }
}
