/** The variables a canned reply may use, and where their values come from. */
export const CANNED_VARIABLES = ["contact.name", "contact.handle", "agent.name", "channel.handle", "channel.network"] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

/** The variables a text names that are not known (to refuse a canned reply that could never be filled). */
export function unknownVariables(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string).filter((v) => !(CANNED_VARIABLES as readonly string[]).includes(v));
}

/** Fills `{{variable}}` placeholders; a value that is not known leaves a readable gap rather than a brace. */
export function fillCanned(text: string, values: Partial<Record<CannedVariable, string | null>>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name as CannedVariable];
    if (value) return value;
    return name === "contact.name" ? "there" : "";
  });
}
