import type { ReportType } from "./schema.js";

const DAY_MS = 86_400_000;

/** The last full week (Monday to Sunday, UTC) before `now`: its Monday names it. */
export function lastFullWeek(now: number): { week: string; from: string; to: string } {
  const today = new Date(now - (now % DAY_MS));
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  const thisMonday = today.getTime() - sinceMonday * DAY_MS;
  const from = new Date(thisMonday - 7 * DAY_MS).toISOString().slice(0, 10);
  const to = new Date(thisMonday - DAY_MS).toISOString().slice(0, 10);
  return { week: from, from, to };
}

const htmlText = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return "";
  if (before === 0) return now === 0 ? "no change" : "new";
  const pct = Math.round(((now - before) / Math.abs(before)) * 100);
  return pct === 0 ? "no change" : `${pct > 0 ? "▲" : "▼"} ${Math.abs(pct)} %`;
}

/**
 * The weekly digest as email-friendly HTML (tables and inline styles only, no scripts, no external
 * images: mail clients block those by default) with a plain-text twin. The chart is drawn as table
 * cells whose widths are the bars, which every mail client shows.
 */
export function renderDigest(report: ReportType, baseUrl: string): { subject: string; html: string; text: string } {
  const money = (v: number | null) =>
    v === null ? "—" : new Intl.NumberFormat("en-GB", { style: "currency", currency: report.currency }).format(v);
  const roi = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);
  const t = report.totals;
  const p = report.previousTotals;
  const kpis: [string, string, string][] = [
    ["Clicks", t.clicks.toLocaleString("en-GB"), change(t.clicks, p.clicks)],
    ["Leads", (t.leads + t.inboxLeads).toLocaleString("en-GB"), change(t.leads + t.inboxLeads, p.leads + p.inboxLeads)],
    ["Sales", t.sales.toLocaleString("en-GB"), change(t.sales, p.sales)],
    ["Value", money(t.value), change(t.value, p.value)],
    ["Cost", money(t.cost), change(t.cost, p.cost)],
    ["Cost per lead", money(t.costPerLead), change(t.costPerLead, p.costPerLead)],
    ["ROI", roi(t.roi), ""],
  ];
  const max = Math.max(1, ...report.series.map((d) => d.clicks));
  const bars = report.series
    .map((d) => {
      const width = Math.max(1, Math.round((d.clicks / max) * 300));
      return `<tr><td style="padding:2px 8px 2px 0;font-size:13px;color:#5b6470;white-space:nowrap">${htmlText(d.day)}</td><td style="padding:2px 0"><table role="presentation" cellpadding="0" cellspacing="0"><tr><td width="${width}" height="14" bgcolor="#2f55d4" style="background:#2f55d4;font-size:0;line-height:0">&nbsp;</td><td style="padding-left:6px;font-size:13px">${d.clicks} clicks · ${d.leads + d.inboxLeads} leads</td></tr></table></td></tr>`;
    })
    .join("");
  const campaigns = report.campaigns
    .filter((c) => c.id !== "")
    .slice(0, 10)
    .map(
      (c) =>
        `<tr><td style="padding:4px 8px;border-top:1px solid #e4e7ec">${htmlText(c.label)}</td><td align="right" style="padding:4px 8px;border-top:1px solid #e4e7ec">${c.clicks}</td><td align="right" style="padding:4px 8px;border-top:1px solid #e4e7ec">${c.leads}</td><td align="right" style="padding:4px 8px;border-top:1px solid #e4e7ec">${money(c.costPerLead)}</td><td align="right" style="padding:4px 8px;border-top:1px solid #e4e7ec">${roi(c.roi)}</td></tr>`,
    )
    .join("");
  const link = `${baseUrl}/analytics?from=${report.range.from}&to=${report.range.to}`;
  const subject = `Switchboard weekly digest, ${report.range.from} to ${report.range.to}`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${htmlText(subject)}</title></head>
<body style="margin:0;padding:0;background:#f5f6f8;font-family:Arial,Helvetica,sans-serif;color:#1d2330">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" bgcolor="#f5f6f8"><tr><td align="center" style="padding:24px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" bgcolor="#ffffff" style="background:#ffffff;border:1px solid #e4e7ec">
<tr><td style="padding:24px">
<h1 style="margin:0 0 4px;font-size:20px">Your week in Switchboard</h1>
<p style="margin:0 0 16px;color:#5b6470;font-size:14px">${htmlText(report.range.from)} to ${htmlText(report.range.to)} (UTC), compared with the week before.</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="font-size:14px">${kpis
    .map(
      ([label, value, delta]) =>
        `<tr><td style="padding:4px 0;color:#5b6470">${label}</td><td align="right" style="padding:4px 0;font-weight:bold">${htmlText(value)}</td><td align="right" style="padding:4px 0 4px 12px;color:#5b6470;font-size:13px">${htmlText(delta)}</td></tr>`,
    )
    .join("")}</table>
<h2 style="margin:24px 0 8px;font-size:16px">Clicks per day</h2>
<table role="presentation" cellpadding="0" cellspacing="0">${bars}</table>
${
  campaigns
    ? `<h2 style="margin:24px 0 8px;font-size:16px">Campaigns</h2><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="font-size:14px"><tr><th align="left" style="padding:4px 8px">Campaign</th><th align="right" style="padding:4px 8px">Clicks</th><th align="right" style="padding:4px 8px">Leads</th><th align="right" style="padding:4px 8px">Cost per lead</th><th align="right" style="padding:4px 8px">ROI</th></tr>${campaigns}</table>`
    : ""
}
<p style="margin:24px 0 0;font-size:13px;color:#5b6470">${report.assumptions.map(htmlText).join("<br>")}</p>
<p style="margin:16px 0 0"><a href="${htmlText(link)}" style="color:#2445b5">Open the dashboard</a></p>
</td></tr></table></td></tr></table></body></html>`;
  const text = [
    subject,
    "",
    ...kpis.map(([label, value, delta]) => `${label}: ${value}${delta ? ` (${delta})` : ""}`),
    "",
    ...report.campaigns
      .filter((c) => c.id !== "")
      .slice(0, 10)
      .map((c) => `${c.label}: ${c.clicks} clicks, ${c.leads} leads, ROI ${roi(c.roi)}`),
    "",
    link,
  ].join("\n");
  return { subject, html, text };
}
