import { describe, expect, it } from "vitest";
import { approverGroupsFor, claimKinds } from "./claimRouting.js";
import { createPolicy, hasErrors } from "./policy.js";
import type { Finding } from "./types.js";

const policy = createPolicy();
const ids = (findings: Finding[]) => findings.map((f) => `${f.source}.${f.ruleId}`);
const only = (findings: Finding[], id: string) => findings.filter((f) => `${f.source}.${f.ruleId}` === id);

// The #QantasLuxury tweet (22 November 2011), the day after a strike grounded the fleet.
const QANTAS =
  "To celebrate #QantasLuxury we are giving away a gift pack. Tell us your dream luxury in-flight experience for a chance to win!";

describe("findings", () => {
  it("have the vfile-message shape, with level, offsets, line and column", () => {
    const [f] = policy.check("Hello.\nWe are the #1 airline!!");
    expect(f).toMatchObject({
      source: "netiquette",
      ruleId: "sales-pitch",
      level: "warning",
      fatal: false,
      start: 18,
      end: 20,
      line: 2,
      column: 12,
      actual: "#1",
    });
    expect(f?.url).toBe("/kb/netiquette#sales-pitch");
    expect(typeof f?.reason).toBe("string");
  });

  it("every netiquette finding links to a section of the netiquette guide", () => {
    const findings = policy.check("BUY NOW!!! THE BEST DEALS EVER https://x.co #a #b #c #d", { kind: "engagement" });
    const netiquette = findings.filter((f) => f.source === "netiquette");
    expect(new Set(netiquette.map((f) => f.ruleId))).toEqual(
      new Set(["sales-pitch", "exclamation-run", "shouting", "hashtag-stuffing", "no-question"]),
    );
    for (const f of netiquette) expect(f.url).toMatch(/^\/kb\/netiquette#[a-z-]+$/);
  });
});

describe("netiquette", () => {
  it("sales pitch: calls to buy, urgency, price pushes, superlatives", () => {
    const found = only(
      policy.check("Buy now: limited time offer, 30% off, the lowest prices and the best deals ever. Don't miss out."),
      "netiquette.sales-pitch",
    );
    expect(found.map((f) => f.actual)).toEqual([
      "Buy now",
      "limited time offer",
      "30% off",
      "lowest prices",
      "best deals",
      "Don't miss out",
    ]);
    expect(only(policy.check("We wrote up what we learned moving our booking system to PostgreSQL."), "netiquette.sales-pitch")).toEqual(
      [],
    );
  });

  it("engagement post: a question or an invitation is needed", () => {
    expect(ids(policy.check("We launched a new route to Lisbon.", { kind: "engagement" }))).toContain("netiquette.no-question");
    expect(ids(policy.check("We launched a new route to Lisbon. Where should we fly next?", { kind: "engagement" }))).not.toContain(
      "netiquette.no-question",
    );
    expect(ids(policy.check("We launched a new route to Lisbon. Tell us your favourite spot.", { kind: "engagement" }))).not.toContain(
      "netiquette.no-question",
    );
    expect(ids(policy.check("We launched a new route to Lisbon.", { kind: "post" }))).not.toContain("netiquette.no-question");
  });

  it("hashtag stuffing, link-only posts, shouting and exclamation runs", () => {
    const stuffed = only(policy.check("Fresh news #a #b #c #d #e"), "netiquette.hashtag-stuffing");
    expect(stuffed.map((f) => f.actual)).toEqual(["#d #e"]);
    expect(ids(policy.check("Fresh news #a #b #c"))).not.toContain("netiquette.hashtag-stuffing");
    expect(only(policy.check("https://example.com/report #news"), "netiquette.link-only")[0]?.actual).toBe("https://example.com/report");
    expect(ids(policy.check("Our annual report explains where the money went: https://example.com/report"))).not.toContain(
      "netiquette.link-only",
    );
    expect(only(policy.check("We are SO VERY EXCITED about this"), "netiquette.shouting")[0]?.actual).toBe("SO VERY EXCITED");
    expect(only(policy.check("THIS WHOLE POST IS IN CAPITALS, SADLY"), "netiquette.shouting")).toHaveLength(1);
    expect(ids(policy.check("Our CEO met the FAA and NASA today."))).not.toContain("netiquette.shouting");
    const bangs = only(policy.check("Wow!!! Really?! Fine!"), "netiquette.exclamation-run");
    expect(bangs.map((f) => [f.actual, f.expected])).toEqual([["!!!", ["!"]]]);
  });

  it("a reply to a complaint must take up what the customer said", () => {
    const complaint = "@SwitchAir lost my bag on flight 1234 to Denver and nobody at the desk helps. Terrible!";
    const canned = only(
      policy.check("Please DM us your details.", { kind: "reply", in_reply_to: complaint }),
      "netiquette.ignores-complaint",
    );
    expect(canned).toHaveLength(1);
    expect(canned[0]?.level).toBe("warning");
    expect(canned[0]?.reason).toMatch(/bag/);
    const apologyOnly = only(
      policy.check("So sorry to hear that! Please DM us.", { kind: "reply", in_reply_to: complaint }),
      "netiquette.ignores-complaint",
    );
    expect(apologyOnly.map((f) => f.level)).toEqual(["suggestion"]);
    const good = policy.check("Sorry about your bag. We have traced it from flight 1234 and it reaches Denver tonight.", {
      kind: "reply",
      in_reply_to: complaint,
    });
    expect(ids(good)).not.toContain("netiquette.ignores-complaint");
    expect(
      ids(policy.check("Thanks, glad you enjoyed it!", { kind: "reply", in_reply_to: "Loved the new lounge in Denver" })),
    ).not.toContain("netiquette.ignores-complaint");
  });
});

describe("disclosure", () => {
  it("paid posts and advocacy shares need #ad or #sponsored; the fix inserts it", () => {
    for (const kind of ["paid", "advocacy"] as const) {
      const [f] = only(policy.check("Our new lounge opens in Lisbon. ", { kind }), "disclosure.missing-disclosure");
      expect(f).toMatchObject({ level: "error", start: 31, end: 31, expected: [" #ad"] });
      expect(ids(policy.check("Our new lounge opens in Lisbon. #ad", { kind }))).not.toContain("disclosure.missing-disclosure");
      expect(ids(policy.check("Our new lounge opens in Lisbon. #Sponsored", { kind }))).not.toContain("disclosure.missing-disclosure");
    }
    expect(ids(policy.check("Our new lounge opens in Lisbon.", { kind: "post" }))).not.toContain("disclosure.missing-disclosure");
  });
});

describe("claims", () => {
  it("each claim kind is found and carried on the finding, for approval routing", () => {
    const cases: [string, string][] = [
      ["Fares from $49 this week.", "price"],
      ["Take 20% off with code SPRING.", "discount"],
      ["Orders placed by Friday arrive on March 3rd.", "date"],
      ["Your bag arrives on time, guaranteed.", "guarantee"],
      ["Seats are in stock while supplies last.", "availability"],
      ["Our tea cures insomnia and boosts immunity.", "health"],
      ["Earn 8% returns a year, risk-free investment.", "financial"],
    ];
    for (const [text, kind] of cases) {
      const claims = policy.check(text).filter((f) => f.source === "claims");
      expect(
        claims.map((f) => f.claim),
        text,
      ).toContain(kind);
      for (const f of claims) expect(f.ruleId).toBe(f.claim);
    }
    const findings = policy.check("Only $99 until Friday, guaranteed.");
    expect(claimKinds(findings).sort()).toEqual(["date", "guarantee", "price"]);
    expect(approverGroupsFor(findings, { price: "finance", date: "operations", guarantee: "legal", health: "legal" }).sort()).toEqual([
      "finance",
      "legal",
      "operations",
    ]);
    expect(claimKinds(policy.check("We enjoyed meeting everyone at the conference."))).toEqual([]);
  });
});

describe("campaign risk (the #QantasLuxury lesson)", () => {
  it("blocks an invitation to the public under negative sentiment, with the figures", () => {
    const findings = policy.check(QANTAS, {
      brand_sentiment: "negative",
      sentiment_figures: { negative_share: 0.71, mentions: 3120, window_hours: 24, baseline_negative_share: 0.18 },
    });
    const [risk] = only(findings, "campaign-risk.invitation-during-backlash");
    expect(risk?.level).toBe("error");
    expect(risk?.actual).toBe("Tell us");
    expect(risk?.reason).toContain("71% of 3,120 mentions in the last 24 hours are negative, against 18% usually");
    expect(hasErrors(findings)).toBe(true);
  });

  it("passes the same draft under neutral or positive sentiment", () => {
    for (const brand_sentiment of ["neutral", "positive"] as const) {
      const findings = policy.check(QANTAS, { brand_sentiment });
      expect(ids(findings)).not.toContain("campaign-risk.invitation-during-backlash");
      expect(hasErrors(findings)).toBe(false);
    }
  });

  it("a crisis flag blocks it too; a post that invites nobody is not a campaign", () => {
    const crisis = only(
      policy.check("Share your photos with #FlyHappy!", { crisis: true, crisis_reason: "strike" }),
      "campaign-risk.invitation-during-backlash",
    );
    expect(crisis[0]?.reason).toContain("a crisis is active (strike)");
    expect(
      only(policy.check("Join the fun with #FlyHappy", { brand_sentiment: "negative" }), "campaign-risk.invitation-during-backlash"),
    ).toHaveLength(1);
    expect(ids(policy.check("Flights to Lisbon resume on Monday.", { brand_sentiment: "negative" }))).not.toContain(
      "campaign-risk.invitation-during-backlash",
    );
  });
});

describe("language (retext)", () => {
  it("profanity, inclusive language and readability, with mentions, URLs and emoji understood", () => {
    const findings = policy.check("@dickssportinggoods the chairman said this damn thing is great 🙂 https://example.com/shit");
    expect(only(findings, "language.profanity").map((f) => f.actual)).toEqual(["damn"]);
    const inclusive = only(findings, "language.inclusive");
    expect(inclusive.map((f) => f.actual)).toEqual(["chairman"]);
    expect(inclusive[0]?.expected).toContain("chair");
    expect(inclusive[0]?.origin).toMatch(/^retext-equality:/);
    const hard = policy.check(
      "The implementation of the comprehensive organisational restructuring methodology necessitates considerable interdepartmental coordination and institutionalised accountability mechanisms throughout.",
    );
    expect(ids(hard)).toContain("language.readability");
  });
});

describe("settings", () => {
  const text = "BUY NOW, the chairman says!!";
  it("a pack can be switched off, a rule switched off, a pack or rule re-levelled", () => {
    expect(ids(policy.check(text)).sort()).toEqual(["language.inclusive", "netiquette.exclamation-run", "netiquette.sales-pitch"]);
    const off = createPolicy({ settings: { packs: { netiquette: { enabled: false } } } });
    expect(ids(off.check(text))).toEqual(["language.inclusive"]);
    const ruleOff = createPolicy({ settings: { rules: { "netiquette.sales-pitch": { enabled: false } } } });
    expect(ids(ruleOff.check(text)).sort()).toEqual(["language.inclusive", "netiquette.exclamation-run"]);
    const relevelled = createPolicy({
      settings: { packs: { netiquette: { level: "error" } }, rules: { "netiquette.exclamation-run": { level: "warning" } } },
    });
    expect(relevelled.check(text).map((f) => `${f.ruleId}:${f.level}`)).toEqual([
      "sales-pitch:error",
      "inclusive:suggestion",
      "exclamation-run:warning",
    ]);
    const languageOff = createPolicy({ settings: { packs: { language: { enabled: false } } } });
    expect(ids(languageOff.check(text))).not.toContain("language.inclusive");
    expect(
      createPolicy({ settings: { minLevel: "warning" } })
        .check(text)
        .map((f) => f.ruleId),
    ).toEqual(["sales-pitch"]);
  });

  it("lists every rule with its effective state, for the management UI", () => {
    const rules = createPolicy({
      settings: { packs: { claims: { enabled: false } }, rules: { "lexicon.swap": { level: "warning" } } },
    }).rules();
    expect(rules.find((r) => r.id === "claims.price")).toMatchObject({ enabled: false, defaultLevel: "warning" });
    expect(rules.find((r) => r.id === "lexicon.swap")).toMatchObject({ enabled: true, level: "warning", defaultLevel: "suggestion" });
    expect(new Set(rules.map((r) => r.source))).toEqual(
      new Set(["campaign-risk", "disclosure", "lexicon", "claims", "netiquette", "language"]),
    );
  });
});

describe("any text, no crash", () => {
  it("empty and blank text", () => {
    expect(policy.check("")).toEqual([]);
    expect(policy.check("   \n\n ")).toEqual([]);
    expect(policy.check("", { kind: "engagement", brand_sentiment: "negative", in_reply_to: "terrible!!" })).toEqual([]);
  });

  it("100 KB of text", () => {
    const text = "Tell us what you think of our new lounge! Fares from $49 until Friday. ".repeat(1_450).slice(0, 100_000);
    const findings = policy.check(text, { brand_sentiment: "negative" });
    expect(findings.length).toBeGreaterThan(100);
    expect(findings.every((f) => f.start >= 0 && f.end <= text.length && f.start <= f.end)).toBe(true);
  });

  it("every script, emoji, combining marks and lone surrogates", () => {
    const texts = [
      "مرحبا بكم في رحلتنا الجديدة! #سفر",
      "欢迎乘坐我们的新航线！立即购买 #旅行",
      "नमस्ते, हमारी नई उड़ान में आपका स्वागत है",
      "Добро пожаловать на наш новый рейс!!! КУПИТЕ СЕЙЧАС ЖЕ ВСЁ",
      "שלום וברוכים הבאים לטיסה החדשה",
      "ようこそ、新しい便へ。今すぐ予約！",
      "안녕하세요 새로운 항공편에 오신 것을 환영합니다",
      "สวัสดีครับ ยินดีต้อนรับ",
      "Γειά σας, καλώς ήρθατε",
      "👩🏽‍✈️✈️🌍🇵🇹 🙂 :) <3 👍🏿 family: 👨‍👩‍👧‍👦",
      "Z̷̢͎̈́a̸̛͔l̵̰̓g̶͎̈́o̸̧̍ text with combining marks",
      "lone \uD800 surrogate \uDC00 and \u0000 NUL and \u202E bidi",
      "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕞𝕒𝕥𝕙 𝒮𝒸𝓇𝒾𝓅𝓉 #𝔥𝔞𝔰𝔥",
    ];
    for (const text of texts) {
      const findings = policy.check(text, { kind: "paid", in_reply_to: text, brand_sentiment: "negative" });
      for (const f of findings) {
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(text.length);
        expect(f.line).toBeGreaterThanOrEqual(1);
      }
      expect(ids(findings)).toContain("disclosure.missing-disclosure");
    }
    expect(only(policy.check("КУПИТЕ СЕЙЧАС ЖЕ ВСЁ"), "netiquette.shouting")).toHaveLength(1);
    // Columns count code points: the emoji before "BUY" is one column.
    expect(policy.check("🙂 Buy now")[0]).toMatchObject({ start: 3, column: 3 });
  });
});
