/** Who did something and from where: attached to every audit event. */
export interface AuditActor {
  actorId: string | null;
  /** A readable name kept with the event, so the log stays legible after a user is renamed. */
  actorLabel: string;
  ip: string | null;
  requestId: string | null;
}

export const systemActor = (label = "system"): AuditActor => ({
  actorId: null,
  actorLabel: label,
  ip: null,
  requestId: null,
});

/** The operator at the server's terminal, named by their login. */
export const cliActor = (user: string | undefined): AuditActor => ({
  actorId: null,
  actorLabel: `cli:${user || "operator"}`,
  ip: null,
  requestId: null,
});
