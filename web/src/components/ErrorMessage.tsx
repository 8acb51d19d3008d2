import { ApiError } from "../api/client.js";

/** An error as the API explained it (message, help, per-field issues), announced to screen readers. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const issues = apiError?.issues ?? [];
  return (
    <div className="alert alert-error" role="alert">
      {title && <p className="alert-title">{title}</p>}
      <p>{message}</p>
      {issues.length > 0 && (
        <ul className="alert-issues">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <strong>{fieldName(issue.path)}</strong> {issue.message}
            </li>
          ))}
        </ul>
      )}
      {apiError?.help && <p className="alert-help">{apiError.help}</p>}
    </div>
  );
}

/** "body/email" → "email": people know fields, not request parts. */
function fieldName(path: string): string {
  const name = path.replace(/^(body|querystring|params)\/?/, "").replaceAll("/", ".");
  return name || "Request";
}
