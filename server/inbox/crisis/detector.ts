import { buildAlert } from "./buildAlert.js";
import { isoOfLocalHour, localHourOf } from "./hourClock.js";
import { HourlyCounts } from "./hourlyCounts.js";
import { RecentMessageIds } from "./recentMessageIds.js";
import { type CrisisThresholds, resolveCrisisThresholds } from "./thresholds.js";
import type { CrisisAlert, CrisisBaseline, CrisisObservation, CrisisSeriesStatus } from "./types.js";
import { historyDaysOf, planWindow, type WindowPlan } from "./windowPlan.js";

/**
 * Watches the negative messages of every series (a brand, a topic…) for a surge against the
 * series' own previous days. Fed one message at a time in time order; keeps a few kilobytes per
 * series and no database: persisting alerts and acting on them is the caller's business.
 */
export interface CrisisDetector {
  /** Counts one message in each of its series; returns the alerts it raised (usually none). */
  observe(message: CrisisObservation): CrisisAlert[];
  /**
   * Moves the clock to `now` without a message: closes the hours that have passed for every
   * series (ending quiet episodes) and forgets series silent for longer than the baseline reaches.
   */
  flush(now: Date | number): CrisisAlert[];
  /** The open hour's figures of one series, or null if it has never been seen (or was forgotten). */
  status(series: string): CrisisSeriesStatus | null;
  /** How many series are being tracked. */
  readonly seriesCount: number;
}

interface SeriesState {
  readonly series: string;
  readonly counts: HourlyCounts;
  /** The hour the series was first seen: the day it falls on is partial and never history. */
  readonly firstHour: number;
  lastMessageHour: number;
  plans: [recent: WindowPlan, day: WindowPlan];
  readonly ids: RecentMessageIds;
  /** Set from an alert until the series has been calm for `quietHoursToEndEpisode` hours. */
  episode: { lastElevatedHour: number } | null;
}

const toMs = (at: Date | number) => (typeof at === "number" ? at : at.getTime());

export function createCrisisDetector(overrides: Partial<CrisisThresholds> = {}): CrisisDetector {
  const t = resolveCrisisThresholds(overrides);
  // Today, the days of the baseline, and one more for a trailing window that reaches back over midnight.
  const keptDays = t.baselineDays + 2;
  const states = new Map<string, SeriesState>();
  /** The open hour: messages from an earlier (closed) hour arriving late are counted in it. */
  let clockHour = Number.NEGATIVE_INFINITY;

  function plansOf(state: Pick<SeriesState, "counts" | "firstHour">): [WindowPlan, WindowPlan] {
    const history = historyDaysOf(state.counts, state.firstHour, t);
    return [planWindow(state.counts, "recent", history, t), planWindow(state.counts, "day", history, t)];
  }

  function observedIn(state: SeriesState, plan: WindowPlan) {
    const hour = state.counts.hour;
    return { negative: plan.closedNegative + state.counts.negativeAt(hour), total: plan.closedTotal + state.counts.totalAt(hour) };
  }

  function isElevated(state: SeriesState): boolean {
    return state.plans.some((plan) => plan.baseline !== null && observedIn(state, plan).negative >= t.episodeRatio * plan.expected);
  }

  function openHour(state: SeriesState, hour: number) {
    if (state.episode) {
      if (isElevated(state)) state.episode.lastElevatedHour = state.counts.hour;
      if (hour - state.episode.lastElevatedHour > t.quietHoursToEndEpisode) state.episode = null;
    }
    state.counts.advanceTo(hour);
    state.plans = plansOf(state);
  }

  function check(state: SeriesState, atMs: number): CrisisAlert | null {
    if (state.episode) return null;
    for (const plan of state.plans) {
      if (plan.baseline === null) continue;
      const { negative, total } = observedIn(state, plan);
      if (negative < plan.alertAt || negative < plan.minShare * total) continue;
      state.episode = { lastElevatedHour: state.counts.hour };
      const baseline: CrisisBaseline = plan.baseline;
      return buildAlert({
        series: state.series,
        raisedAtMs: atMs,
        plan: { ...plan, baseline },
        negative,
        total,
        counts: state.counts,
        ids: state.ids,
        thresholds: t,
      });
    }
    return null;
  }

  function stateOf(series: string, hour: number): SeriesState {
    const known = states.get(series);
    if (known) {
      if (known.counts.hour < hour) openHour(known, hour);
      return known;
    }
    const counts = new HourlyCounts(hour, keptDays);
    const created: SeriesState = {
      series,
      counts,
      firstHour: hour,
      lastMessageHour: hour,
      plans: plansOf({ counts, firstHour: hour }),
      ids: new RecentMessageIds(t.maxMessageIds),
      episode: null,
    };
    states.set(series, created);
    return created;
  }

  return {
    observe(message) {
      const atMs = toMs(message.at);
      if (!Number.isFinite(atMs)) throw new RangeError(`Message ${message.id} has no valid time`);
      clockHour = Math.max(clockHour, localHourOf(atMs, t.utcOffsetMinutes));
      let alerts: CrisisAlert[] | undefined;
      for (const series of message.series) {
        const state = stateOf(series, clockHour);
        state.counts.add(message.negative);
        state.lastMessageHour = clockHour;
        if (!message.negative) continue;
        state.ids.add(message.id, clockHour);
        const alert = check(state, atMs);
        if (!alert) continue;
        alerts ??= [];
        alerts.push(alert);
      }
      return alerts ?? [];
    },

    flush(now) {
      const nowMs = toMs(now);
      if (!Number.isFinite(nowMs)) throw new RangeError("flush needs a valid time");
      clockHour = Math.max(clockHour, localHourOf(nowMs, t.utcOffsetMinutes));
      const alerts: CrisisAlert[] = [];
      for (const [series, state] of states) {
        if (state.counts.hour >= clockHour) continue;
        openHour(state, clockHour);
        // Nothing of a series silent this long is left in its counts: forget it (it starts afresh, without history).
        if (!state.episode && clockHour - state.lastMessageHour >= keptDays * 24) {
          states.delete(series);
          continue;
        }
        const alert = check(state, nowMs);
        if (alert) alerts.push(alert);
      }
      return alerts;
    },

    status(series) {
      const state = states.get(series);
      if (!state) return null;
      return {
        series,
        hour: isoOfLocalHour(state.counts.hour, t.utcOffsetMinutes),
        inEpisode: state.episode !== null,
        windows: state.plans.map((plan) => ({
          kind: plan.kind,
          ...observedIn(state, plan),
          baseline: plan.baseline,
          alertAt: plan.baseline === null ? null : plan.alertAt,
        })),
      };
    },

    get seriesCount() {
      return states.size;
    },
  };
}
