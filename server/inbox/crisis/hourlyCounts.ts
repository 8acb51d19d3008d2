import { dayOfHour } from "./hourClock.js";

const mod = (n: number, m: number) => ((n % m) + m) % m;

/**
 * Negative and total message counts of one series per local hour and per local day, in ring
 * buffers long enough for the baseline: a fixed few kilobytes per series however long it runs.
 */
export class HourlyCounts {
  readonly negativeByHour: Int32Array;
  readonly totalByHour: Int32Array;
  readonly negativeByDay: Int32Array;
  readonly totalByDay: Int32Array;
  /** The open hour: counts before it are final. */
  hour: number;

  constructor(
    firstHour: number,
    readonly keptDays: number,
  ) {
    this.negativeByHour = new Int32Array(keptDays * 24);
    this.totalByHour = new Int32Array(keptDays * 24);
    this.negativeByDay = new Int32Array(keptDays);
    this.totalByDay = new Int32Array(keptDays);
    this.hour = firstHour;
  }

  add(negative: boolean) {
    const slot = mod(this.hour, this.totalByHour.length);
    const day = mod(dayOfHour(this.hour), this.keptDays);
    this.totalByHour[slot] = (this.totalByHour[slot] ?? 0) + 1;
    this.totalByDay[day] = (this.totalByDay[day] ?? 0) + 1;
    if (negative) {
      this.negativeByHour[slot] = (this.negativeByHour[slot] ?? 0) + 1;
      this.negativeByDay[day] = (this.negativeByDay[day] ?? 0) + 1;
    }
  }

  /** Opens a later hour, zeroing the slots (and days) it reuses. */
  advanceTo(hour: number) {
    if (hour <= this.hour) return;
    const slots = this.totalByHour.length;
    for (let h = Math.max(this.hour + 1, hour - slots + 1); h <= hour; h++) {
      const slot = mod(h, slots);
      this.negativeByHour[slot] = 0;
      this.totalByHour[slot] = 0;
    }
    const fromDay = dayOfHour(this.hour);
    const toDay = dayOfHour(hour);
    for (let d = Math.max(fromDay + 1, toDay - this.keptDays + 1); d <= toDay; d++) {
      this.negativeByDay[mod(d, this.keptDays)] = 0;
      this.totalByDay[mod(d, this.keptDays)] = 0;
    }
    this.hour = hour;
  }

  /** Sums over the hours from..to inclusive; the caller keeps them within the kept days. */
  negativeBetween(from: number, to: number): number {
    let sum = 0;
    for (let h = from; h <= to; h++) sum += this.negativeByHour[mod(h, this.negativeByHour.length)] ?? 0;
    return sum;
  }

  totalBetween(from: number, to: number): number {
    let sum = 0;
    for (let h = from; h <= to; h++) sum += this.totalByHour[mod(h, this.totalByHour.length)] ?? 0;
    return sum;
  }

  negativeAt(hour: number): number {
    return this.negativeByHour[mod(hour, this.negativeByHour.length)] ?? 0;
  }

  totalAt(hour: number): number {
    return this.totalByHour[mod(hour, this.totalByHour.length)] ?? 0;
  }

  negativeOnDay(day: number): number {
    return this.negativeByDay[mod(day, this.keptDays)] ?? 0;
  }

  totalOnDay(day: number): number {
    return this.totalByDay[mod(day, this.keptDays)] ?? 0;
  }
}
