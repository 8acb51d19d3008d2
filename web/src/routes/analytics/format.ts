const DAY = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const DAY_YEAR = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A UTC day (YYYY-MM-DD) as "24 Nov". */
export const dayLabel = (day: string, withYear = false) => (withYear ? DAY_YEAR : DAY).format(new Date(`${day}T00:00:00Z`));
export const rangeLabel = (from: string, to: string) => `${dayLabel(from)} – ${dayLabel(to, true)}`;

const moneyFormats = new Map<string, Intl.NumberFormat>();
export function formatMoney(value: number | null, currency: string): string {
  if (value === null) return "—";
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { style: "currency", currency, maximumFractionDigits: 2 });
    moneyFormats.set(currency, f);
  }
  return f.format(value);
}

export const formatCount = (value: number | null) => (value === null ? "—" : value.toLocaleString());
export const formatRoi = (value: number | null) =>
  value === null ? "—" : `${(value * 100).toLocaleString(undefined, { maximumFractionDigits: 0 })} %`;

/** Today and n days ago as UTC days: the dashboards count in UTC days. */
export const utcDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
