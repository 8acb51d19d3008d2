import type { AccountStatus, AccountSummary, ConnectionStatus, TwoFactorState } from "../../api/types.js";
import {
  CONNECTION_CLASSES,
  CONNECTION_LABELS,
  HEALTH_CLASSES,
  HEALTH_LABELS,
  STATUS_BADGES,
  STATUS_LABELS,
  TWO_FACTOR_CLASSES,
  TWO_FACTOR_LABELS,
} from "./labels.js";

export function AccountStatusBadge({ status }: { status: AccountStatus }) {
  return <span className={STATUS_BADGES[status]}>{STATUS_LABELS[status]}</span>;
}

/** A coloured dot and a word; the reasons show on hover and are read out to screen readers. */
export function HealthStatus({ health }: { health: AccountSummary["health"] }) {
  const reasons = health.reasons.join("; ");
  return (
    <span className={`${HEALTH_CLASSES[health.level]}${reasons ? " has-reasons" : ""}`} title={reasons || undefined}>
      {HEALTH_LABELS[health.level]}
      {reasons && <span className="sr-only">: {reasons}</span>}
    </span>
  );
}

export function TwoFactorStatus({ state }: { state: TwoFactorState }) {
  return <span className={TWO_FACTOR_CLASSES[state]}>{TWO_FACTOR_LABELS[state]}</span>;
}

export function ConnectionState({ status }: { status: ConnectionStatus }) {
  return <span className={CONNECTION_CLASSES[status]}>{CONNECTION_LABELS[status]}</span>;
}
