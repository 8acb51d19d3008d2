import type { AlertStatus, CrisisAlertSummary } from "../../api/crisis.js";

const SEVERITY_BADGES: Record<string, string> = {
  warning: "badge badge-warn",
  major: "badge badge-danger",
  critical: "badge badge-danger crisis-critical",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={SEVERITY_BADGES[severity] ?? "badge"}>{severity.charAt(0).toUpperCase() + severity.slice(1)}</span>;
}

const STATUS: Record<AlertStatus, [string, string]> = {
  open: ["badge badge-accent", "Open"],
  acknowledged: ["badge badge-quiet", "Acknowledged"],
  resolved: ["badge badge-ok", "Resolved"],
};

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  const [className, text] = STATUS[status];
  return <span className={className}>{text}</span>;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** "124 negative (68% of 182) · usually 62 (38%) · 2.0×" */
export const alertFigures = (a: CrisisAlertSummary) =>
  `${a.negative} negative (${pct(a.negativeShare)} of ${a.total}) · usually ${Math.round(a.baselineNegative)} (${pct(a.baselineShare)}) · ${a.ratio.toFixed(1)}×`;

export const windowLabel = (a: CrisisAlertSummary) => (a.window === "day" ? "today so far" : "the last 12 hours");
