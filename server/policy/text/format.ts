// Vale's message templates: each `%s` takes the next argument (Go's fmt semantics, the subset styles use).

export function formatMessage(template: string, ...args: string[]): string {
  let next = 0;
  return template.replace(/%(%|\[(\d+)\]s|s|v|q)/g, (whole, spec: string, position?: string) => {
    if (spec === "%") return "%";
    const value = position ? args[Number(position) - 1] : args[next++];
    if (value === undefined) return whole;
    return spec === "q" ? JSON.stringify(value) : value;
  });
}
