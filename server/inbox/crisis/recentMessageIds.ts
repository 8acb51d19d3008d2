/** The ids of a series' latest negative messages with the hour each was counted in, oldest overwritten first. */
export class RecentMessageIds {
  private readonly ids: string[] = [];
  private readonly hours: number[] = [];
  /** Where the next id goes once the buffer is full (= the oldest entry). */
  private next = 0;

  constructor(private readonly capacity: number) {}

  add(id: string, hour: number) {
    if (this.capacity === 0) return;
    if (this.ids.length < this.capacity) {
      this.ids.push(id);
      this.hours.push(hour);
      return;
    }
    this.ids[this.next] = id;
    this.hours[this.next] = hour;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Ids counted in `hour` or later, oldest first. */
  since(hour: number): string[] {
    const out: string[] = [];
    const n = this.ids.length;
    for (let i = 0; i < n; i++) {
      const at = (this.next + i) % n;
      if ((this.hours[at] ?? Number.NEGATIVE_INFINITY) >= hour) out.push(this.ids[at] ?? "");
    }
    return out;
  }
}
