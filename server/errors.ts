/**
 * The one error type the application throws on purpose. `code` is a stable,
 * machine-readable contract (clients branch on it, never on `message`);
 * `help` tells a person what to do next.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  readonly help: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: unknown; help?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.help = options.help;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what: string, code = "not_found") => new AppError(404, code, `${what} was not found.`);

export const forbidden = (message = "You do not have permission to do this.") => new AppError(403, "forbidden", message);

export const conflict = (code: string, message: string) => new AppError(409, code, message);

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, { details });
