const DAY_MS = 86_400_000;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The Monday (UTC) of the week a day or an instant falls in: the dashboards count in UTC days. */
export function weekOf(dayOrIso: string): string {
  const day = dayOrIso.slice(0, 10);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Every week (its Monday) from the one holding `from` to the one holding `to`, and the whole weeks' bounds. */
export function weeksBetween(from: string, to: string): { weeks: string[]; start: string; end: string } {
  const weeks: string[] = [];
  for (let w = weekOf(from); w <= to; w = addDays(w, 7)) weeks.push(w);
  const last = weeks[weeks.length - 1] ?? weekOf(to);
  return { weeks, start: weeks[0] ?? weekOf(from), end: addDays(last, 6) };
}
