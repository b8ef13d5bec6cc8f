// The leaderboard (GET /api/v1/leaderboard): active assessments by return or risk-adjusted return. Evaluators see trader
// ids. Reread when the feed reports a status change (an assessment joins or leaves the active set) and every 15 s.
import { get } from "../api.js";
import { h, fill } from "../dom.js";
import { money, percent } from "../format.js";
import { onFeed } from "./feed.js";

export async function leaderboardView(main, { query, navigate }) {
  const by = query.get("by") === "risk_adjusted" ? "risk_adjusted" : "return";
  const body = h("tbody");
  const note = h("p.muted", { "aria-live": "polite" });
  main.append(h("h1", {}, "Leaderboard"),
    h("div.kinds", { role: "group", "aria-label": "Rank by" },
      [["return", "Return"], ["risk_adjusted", "Risk-adjusted"]].map(([key, label]) =>
        h("button.small", { type: "button", "aria-pressed": String(key === by), onclick: () => navigate(`leaderboard?by=${key}`) }, label))),
    h("section.card", { "aria-label": "Leaderboard" },
      h("div.scroll", {}, h("table.grid.leaderboard#leaderboard", {},
        h("thead", {}, h("tr", {}, ["#", "Assessment", "Trader", "Plan", "Phase", "Initial", "Equity", "Return", "Max drawdown", "Risk-adjusted"]
          .map((t, i) => h(i >= 5 || i === 0 ? "th.num" : "th", { scope: "col" }, t)))),
        body)),
      note));

  async function load() {
    const board = await get(`/api/v1/leaderboard?by=${by}&limit=50`);
    fill(body, board.length ? board.map(e => h("tr", { dataset: { assessment: e.assessmentId } },
      h("td.num", {}, String(e.rank)),
      h("td", {}, h("a", { href: `#/audit/${encodeURIComponent(e.assessmentId)}` }, e.assessmentId)),
      h("td.trader", { title: e.traderId }, e.traderId), h("td", {}, e.planId), h("td.num", {}, String(e.phaseIndex + 1)),
      h("td.num", {}, money(e.initialBalance)), h("td.num", {}, money(e.equity)),
      h("td.num", { class: Number(e.returnPercent) >= 0 ? "up" : "down" }, percent(e.returnPercent)),
      h("td.num", {}, `${money(e.maxDrawdown)} · ${percent(e.maxDrawdownPercent)}`),
      h("td.num", {}, Number(e.riskAdjustedReturn).toFixed(4))))
      : h("tr.none", {}, h("td", { colSpan: 10 }, "No active assessment has an evaluation yet.")));
    note.textContent = `Active assessments only, ranked by ${by === "return" ? "return %" : "return % ÷ max(max drawdown %, 1)"}; read ${new Date().toLocaleTimeString(undefined, { hour12: false })}.`;
  }

  let timer = 0;
  const soon = () => { clearTimeout(timer); timer = setTimeout(() => load().catch(() => {}), 500); };
  await load();
  const stop = await onFeed(name => { if (name !== "Extended") soon(); }, soon);
  const every = setInterval(() => load().catch(() => {}), 15_000);
  return () => { stop(); clearTimeout(timer); clearInterval(every); };
}
