import { asksQuestion, findInvitation } from "../../text/invitation.js";
import type { RawFinding } from "../../types.js";
import type { PackDefinition } from "../pack.js";
import { assessReply } from "./complaintReply.js";
import { SALES_PITCH } from "./salesPitch.js";

const UPPER_WORD = /^(?=.*\p{Lu})[^\p{Ll}]{2,}$/u;
const EXCLAMATIONS = /[!?¡]{2,}/gu;

export const netiquettePack: PackDefinition = {
  id: "netiquette",
  title: "Netiquette",
  rules: [
    { id: "sales-pitch", description: "Calls to buy, urgency, price pushes and superlatives", level: "warning" },
    { id: "no-question", description: "An engagement post with no question or invitation to the audience", level: "warning" },
    { id: "hashtag-stuffing", description: "More hashtags than the guide allows", level: "warning" },
    { id: "shouting", description: "Words in capitals", level: "warning" },
    { id: "link-only", description: "A link with no words of its own", level: "warning" },
    { id: "exclamation-run", description: "Runs of exclamation marks", level: "suggestion" },
    { id: "ignores-complaint", description: "A reply to a complaint that ignores what the customer said", level: "warning" },
  ],
  build({ enabledRules, maxHashtags, guideUrl }) {
    const on = (id: string) => enabledRules.has(id);
    return ({ post, context }) => {
      const found: RawFinding[] = [];
      const add = (
        ruleId: string,
        anchor: string,
        f: Omit<RawFinding, "source" | "ruleId" | "url" | "level">,
        level: RawFinding["level"] = "warning",
      ) => found.push({ source: "netiquette", ruleId, level, url: `${guideUrl}#${anchor}`, ...f });
      const { text, prose } = post;

      if (on("sales-pitch")) {
        for (const m of prose.matchAll(SALES_PITCH)) {
          add("sales-pitch", "sales-pitch", {
            start: m.index,
            end: m.index + m[0].length,
            actual: m[0],
            reason: `“${m[0]}” reads as a sales pitch. Followers are a community, not leads: offer insight or ask a question instead.`,
          });
        }
      }

      if (on("no-question") && context.kind === "engagement" && text.trim() && !asksQuestion(prose) && !findInvitation(prose)) {
        add("no-question", "ask-questions", {
          start: 0,
          end: text.length,
          actual: text,
          reason: "An engagement post should invite the audience in: ask a question or invite replies (“What would you add?”).",
        });
      }

      if (on("hashtag-stuffing") && post.hashtags.length > maxHashtags) {
        const first = post.hashtags[maxHashtags];
        const last = post.hashtags.at(-1);
        if (first && last)
          add("hashtag-stuffing", "hashtags", {
            start: first.start,
            end: last.end,
            actual: text.slice(first.start, last.end),
            reason: `${post.hashtags.length} hashtags: more than ${maxHashtags} reads as spam and lowers reach. Keep the one or two that matter.`,
          });
      }

      if (on("shouting")) {
        const letters = prose.match(/\p{L}/gu)?.length ?? 0;
        const upper = prose.match(/\p{Lu}/gu)?.length ?? 0;
        const lower = prose.match(/\p{Ll}/gu)?.length ?? 0;
        if (letters >= 12 && upper >= 0.7 * (upper + lower) && upper + lower > 0) {
          add("shouting", "shouting", {
            start: 0,
            end: text.length,
            actual: text,
            reason: "The post is written in capitals, which reads as shouting. Use normal case.",
          });
        } else {
          // Three or more capitalised words in a row (acronyms alone are fine).
          let run: typeof post.words = [];
          const flush = () => {
            const a = run[0];
            const b = run.at(-1);
            if (run.length >= 3 && a && b)
              add("shouting", "shouting", {
                start: a.start,
                end: b.end,
                actual: text.slice(a.start, b.end),
                reason: `“${text.slice(a.start, b.end)}” is in capitals, which reads as shouting. Use normal case.`,
              });
            run = [];
          };
          for (const w of post.words) {
            if (UPPER_WORD.test(w.text) && (run.length === 0 || !/[.!?\n]/.test(text.slice(run.at(-1)?.end ?? 0, w.start)))) run.push(w);
            else {
              flush();
              if (UPPER_WORD.test(w.text)) run.push(w);
            }
          }
          flush();
        }
      }

      if (on("link-only") && post.urls.length > 0) {
        const own = post.words.filter((w) => !post.hashtags.some((h) => w.start > h.start && w.start < h.end));
        if (own.length < 3) {
          const url = post.urls[0];
          if (url)
            add("link-only", "link-only", {
              start: url.start,
              end: url.end,
              actual: url.text,
              reason: "A link with no words of its own: say in a sentence why it is worth the click.",
            });
        }
      }

      if (on("exclamation-run")) {
        for (const m of text.matchAll(EXCLAMATIONS)) {
          const bangs = m[0].split("!").length - 1;
          if (bangs < 2 && m[0].length < 3) continue;
          add(
            "exclamation-run",
            "exclamation-marks",
            {
              start: m.index,
              end: m.index + m[0].length,
              actual: m[0],
              expected: [m[0].includes("?") ? "?" : "!"],
              reason: `“${m[0]}”: one mark says it; a run of them reads as shouting or spam.`,
            },
            "suggestion",
          );
        }
      }

      if (on("ignores-complaint") && context.in_reply_to && text.trim()) {
        const a = assessReply(post, context.in_reply_to);
        if (a.complaint && (!a.overlaps || !a.acknowledges)) {
          const subject = a.keys.slice(0, 4).join(", ");
          const missing = [
            !a.overlaps && `mentions none of what they wrote about (${subject || "their words"})`,
            !a.acknowledges && "does not acknowledge the problem",
          ].filter(Boolean);
          add(
            "ignores-complaint",
            "answering-complaints",
            {
              start: 0,
              end: text.length,
              actual: text,
              reason: `This reply to a complaint ${missing.join(" and ")}. Answer calmly: name their issue, say sorry where it is due, and say what happens next.`,
            },
            !a.overlaps && !a.acknowledges ? "warning" : "suggestion",
          );
        }
      }
      return found;
    };
  },
};
