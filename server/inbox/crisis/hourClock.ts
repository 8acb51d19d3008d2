export const HOUR_MS = 3_600_000;
export const HOURS_PER_DAY = 24;

/**
 * Hours are numbered from the epoch on the organisation's local clock (a fixed UTC offset), so
 * hour 24·d is local midnight of day d. A fixed offset keeps this to one division per message;
 * a DST change moves the day boundary by an hour twice a year, which a daily baseline absorbs.
 */
export const localHourOf = (ms: number, utcOffsetMinutes: number) => Math.floor((ms + utcOffsetMinutes * 60_000) / HOUR_MS);

export const dayOfHour = (hour: number) => Math.floor(hour / HOURS_PER_DAY);

export const isoOfLocalHour = (hour: number, utcOffsetMinutes: number) =>
  new Date(hour * HOUR_MS - utcOffsetMinutes * 60_000).toISOString();
