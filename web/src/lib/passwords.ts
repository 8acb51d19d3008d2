/** The server's rule (server/identity/passwords.ts), checked here first so people learn it before submitting. */
export const MIN_PASSWORD_LENGTH = 12;

export interface NewPasswordProblems {
  password?: string;
  confirm?: string;
}

export function checkNewPassword(password: string, confirm: string): NewPasswordProblems {
  if (password.length < MIN_PASSWORD_LENGTH) return { password: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  if (password !== confirm) return { confirm: "The two passwords are not the same." };
  return {};
}

export const hasProblems = (problems: NewPasswordProblems) => Boolean(problems.password || problems.confirm);
