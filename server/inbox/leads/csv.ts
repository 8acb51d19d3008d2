import { stringify } from "csv-stringify/sync";
import type { LeadView } from "./store.js";

export const CSV_COLUMNS = [
  "marked_at",
  "name",
  "company",
  "email",
  "note",
  "network",
  "channel",
  "contact",
  "subject",
  "conversation_id",
  "marked_by",
  "sent_to_sales_at",
] as const;

/**
 * A spreadsheet opening the file must not run what a customer wrote: a cell starting with = + - @ (or a
 * tab or carriage return) is a formula to Excel and LibreOffice, so it is prefixed with an apostrophe
 * (OWASP's advice for CSV injection).
 */
const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export function leadsCsv(leads: readonly LeadView[]): string {
  return stringify(
    leads.map((l) =>
      [
        l.markedAt,
        l.name,
        l.company,
        l.email,
        l.note,
        l.channel.network,
        l.channel.handle ?? "",
        l.contact?.displayName ?? "",
        l.subject,
        l.conversationId,
        l.markedBy?.name ?? "",
        l.delivery.sentAt ?? "",
      ].map(safe),
    ),
    { header: true, columns: [...CSV_COLUMNS], bom: true },
  );
}
