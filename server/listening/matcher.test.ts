import { describe, expect, it } from "vitest";
import { compileTopic } from "./matcher.js";

describe("listening topic matcher", () => {
  const topic = compileTopic("t", ["Acme Air", "#AcmeLuxury", "lounge", "Acme"]);
  it("finds words and phrases whole, ignoring case and spacing, and hashtags as written", () => {
    expect(topic.match("Flying ACME   air to Lisbon, the lounge was great #acmeluxury").sort()).toEqual([
      "#AcmeLuxury",
      "Acme Air",
      "lounge",
    ]);
    expect(topic.match("acme is late again")).toEqual(["Acme"]);
  });
  it("does not match inside longer words, handles or other tags", () => {
    expect(topic.match("acmeair lounges @acme #acmefans #lounge")).toEqual([]);
  });
  it("matches nothing without terms, and survives terms with regex characters", () => {
    expect(compileTopic("e", []).match("anything")).toEqual([]);
    expect(compileTopic("r", ["C++ (beta)"]).match("our C++ (beta) app")).toEqual(["C++ (beta)"]);
  });
});
