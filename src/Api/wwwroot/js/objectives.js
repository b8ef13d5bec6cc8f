// One card per objective and limit of an assessment's phase, from the engine's evaluation (progress per rule):
// value, limit, percent and state, colour-coded; the daily loss card counts down to the reset in the plan's zone.
import { h, fill } from "./dom.js";
import { money, percent, countdown, inZone, words } from "./format.js";

const TITLES = {
  dailyLoss: "Daily loss", overallLoss: "Overall drawdown", profitTarget: "Profit target", minTradingDays: "Trading days",
  minTrades: "Trades", consistency: "Consistency", timeLimit: "Time limit", inactivity: "Inactivity",
};

/** ok / warn / danger / breached for limits (by the share used), met / open for objectives. */
export function stateOf(progress) {
  if (progress.kind === "objective") return progress.satisfied ? "met" : "open";
  if (!progress.satisfied) return "breached";
  const used = Number(progress.percent);
  return used >= 80 ? "danger" : used >= 50 ? "warn" : "ok";
}

function describe(p) {
  if (p.kind === "loss") return {
    value: `equity ${money(p.measured)}`,
    limit: `floor ${money(p.limit)}`,
    room: `room ${money(Number(p.measured) - Number(p.limit))}`,
    pct: `${percent(p.percent)} used`,
  };
  const money_ = p.rule === "profitTarget" || p.rule === "consistency";
  const fmt = v => (money_ ? money(v) : String(Number(v)));
  return { value: fmt(p.measured), limit: `of ${fmt(p.limit)}`, room: null, pct: `${percent(p.percent, 0)} done` };
}

export class ObjectiveCards {
  constructor(container) {
    this.element = h("section.objectives", { "aria-label": "Objectives and limits" });
    container.append(this.element);
    this.timeZone = null;
    this.evaluation = null;
    this.timer = setInterval(() => this.tickCountdown(), 1000);
  }

  show(evaluation, timeZone) {
    this.evaluation = evaluation;
    if (timeZone) this.timeZone = timeZone;
    if (!evaluation) { fill(this.element, h("p.muted", {}, "No rules are running on this account.")); return; }
    fill(this.element, evaluation.progress.map(p => this.card(p)));
  }

  card(p) {
    const d = describe(p);
    const state = stateOf(p);
    const bar = h("span.bar-fill");
    bar.style.width = `${Math.min(100, Math.max(0, Number(p.percent)))}%`;  // CSSOM, allowed by the CSP
    return h("article.objective", { dataset: { rule: p.rule, state }, "aria-label": `${TITLES[p.rule] ?? words(p.rule)}: ${state}` },
      h("header", {}, h("h3", {}, TITLES[p.rule] ?? words(p.rule)), h("span.state", {}, state)),
      h("p.value", { dataset: { value: p.measured } }, d.value, " ", h("span.muted", {}, d.limit)),
      h("div.bar", { role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(p.percent) }, bar),
      h("p.detail", {}, h("span.pct", {}, d.pct), d.room ? [" · ", d.room] : null),
      p.rule === "dailyLoss" && this.evaluation?.nextReset ? h("p.reset", { dataset: { reset: this.evaluation.nextReset } }) : null,
      h("p.message.muted", {}, p.message));
  }

  tickCountdown() {
    const el = this.element.querySelector(".reset");
    if (!el) return;
    const at = el.dataset.reset;
    el.textContent = `resets in ${countdown(at)} · ${this.timeZone ? inZone(at, this.timeZone) : new Date(at).toLocaleString()}`;
  }

  remove() { clearInterval(this.timer); this.element.remove(); }
}
