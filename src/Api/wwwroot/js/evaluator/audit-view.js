// One assessment's audit: its status (live), the decision form, and per phase account the rules' standing, the equity
// curve with its floors, and the time line of orders, fills and rule events with the equity, prices and tick behind
// each (GET /api/v1/assessments/{id}/audit, "timelines"); then the history of status changes.
import { get } from "../api.js";
import { h, fill } from "../dom.js";
import { dateTime, inZone, money, price, quantity, words } from "../format.js";
import { assessments as hub } from "../live.js";
import { spec as specOf } from "../market.js";
import { ObjectiveCards } from "../objectives.js";
import { decisionForm } from "./decision.js";
import { EquityChart } from "./equity-chart.js";

const KINDS = [["all", "All"], ["order", "Orders"], ["fill", "Fills"], ["rule", "Rule events"]];
const path = id => `/api/v1/assessments/${encodeURIComponent(id)}`;

export async function auditView(main, { args }) {
  const id = args[0];
  const cleanups = [];
  let audit = await get(`${path(id)}/audit`);
  const plan = await get(`/api/v1/plans/${encodeURIComponent(audit.assessment.planId)}`).catch(() => null);
  let selected = audit.timelines.length - 1;   // the current (latest) phase account
  let kind = "all";
  let sequence = 0;

  const head = h("section.card.audit-head", { "aria-label": "Assessment" });
  const picker = h("select#phase-picker", { onchange: () => { selected = Number(picker.value); showPhase(); } });
  const filterButtons = KINDS.map(([k, label]) => h("button.small", { type: "button", "aria-pressed": String(k === kind), dataset: { kind: k },
    onclick: () => { kind = k; filterButtons.forEach(b => b.setAttribute("aria-pressed", String(b.dataset.kind === k))); showTimeline(); } }, label));
  const cardsHost = h("div");
  const cards = new ObjectiveCards(cardsHost);
  const chartHost = h("div");
  const chart = new EquityChart(chartHost);
  const timelineBody = h("tbody");
  const zoneNote = h("p.muted.zone-note");
  const transitionsBody = h("tbody");

  main.append(
    h("p.crumbs", {}, h("a", { href: "#/assessments" }, "← Assessments")),
    h("div.audit-top", {}, head, decisionForm(id, async () => reload())),
    h("section.card", { "aria-label": "Phase account" },
      h("div.phase-bar", {}, h("label", { for: "phase-picker" }, "Phase account"), picker), cardsHost),
    h("section.card", { "aria-label": "Equity" }, h("h2", {}, "Equity and floors"), chartHost),
    h("section.card", { "aria-label": "Time line" },
      h("div.timeline-head", {}, h("h2", {}, "Time line"), h("div.kinds", { role: "group", "aria-label": "Show" }, filterButtons)),
      zoneNote,
      h("div.scroll", {}, h("table.grid.timeline#timeline", {},
        h("caption.sr-only", {}, "Orders, fills and rule events, oldest first"),
        h("thead", {}, h("tr", {}, ["Time", "Kind", "Symbol", "What", "Price", "Bid / ask", "Tick", "Balance", "Equity", "Daily floor", "Overall floor"]
          .map((t, i) => h(i >= 4 ? "th.num" : "th", { scope: "col" }, t)))),
        timelineBody))),
    h("section.card", { "aria-label": "History" }, h("h2", {}, "History"),
      h("div.scroll", {}, h("table.grid.transitions#transitions", {},
        h("thead", {}, h("tr", {}, ["Time", "Attempt · phase", "From → to", "Cause", "Rule", "Actor", "Reason"].map(t => h("th", { scope: "col" }, t)))),
        transitionsBody))));

  const zoneOf = t => t?.timeZone ?? null;

  function showHead(a) {
    const phaseName = a.phases.at(-1)?.name ?? "—";
    fill(head,
      h("h1", {}, "Assessment ", h("span.mono", {}, a.id)),
      h("p.status-line", {}, h("span.badge#audit-status", { dataset: { status: a.status } }, words(a.status)), " ",
        h("span", {}, `${a.planName} · attempt ${a.attempt} · ${phaseName}`)),
      h("dl.facts", {},
        h("dt", {}, "Trader"), h("dd.mono", {}, a.traderId),
        h("dt", {}, "Current account"), h("dd.mono", {}, a.currentAccountId ?? "—"),
        h("dt", {}, "Bought"), h("dd", {}, `${dateTime(a.createdAt)} for ${money(a.pricePaid)} (${a.paymentReference})`),
        h("dt", {}, "Updated"), h("dd", {}, dateTime(a.updatedAt)),
        h("dt", {}, "Plan's day"), h("dd", {}, plan ? planDay() : "—")));
  }

  function planDay() {
    const t = audit.timelines[selected];
    return t?.timeZone ? `resets ${t.resetTime} ${t.timeZone}` : "—";
  }

  function showPicker() {
    fill(picker, audit.timelines.map((t, i) => {
      const phase = audit.phases[i].phase;
      return h("option", { value: String(i) }, `attempt ${t.attempt} · ${phase.name} · ${t.accountId}${phase.outcome ? ` · ${phase.outcome}` : " · running"}`);
    }));
    picker.value = String(selected);
  }

  function showPhase() {
    const t = audit.timelines[selected];
    const p = audit.phases[selected];
    cards.show(p?.evaluation ?? null, zoneOf(t));
    chart.show(t?.equity ?? []);
    zoneNote.textContent = t?.timeZone
      ? `Times in your zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}); the plan's days run in ${t.timeZone}, resetting at ${t.resetTime}: rule events show that time too.`
      : "Times in your zone.";
    showTimeline();
  }

  function showTimeline() {
    const t = audit.timelines[selected];
    const entries = (t?.entries ?? []).filter(e => kind === "all" || e.kind === kind);
    fill(timelineBody, entries.length ? entries.map(e => entryRow(e, zoneOf(t)))
      : h("tr.none", {}, h("td", { colSpan: 11 }, "Nothing recorded yet.")));
    main.dataset.entries = String(t?.entries.length ?? 0);
  }

  function entryRow(e, zone) {
    const s = e.symbol ? specOf(e.symbol) : null;
    const what = e.kind === "rule" ? `${words(e.ruleKind)} · ${words(e.rule)}: ${e.message}` : e.message;
    const cause = e.kind === "rule" && e.cause ? ` (on ${words(e.cause)})` : "";
    return h("tr", { dataset: { kind: e.kind, ruleKind: e.ruleKind ?? null, rule: e.rule ?? null } },
      h("td", {}, h("time", { datetime: e.time, title: zone ? inZone(e.time, zone) : null }, dateTime(e.time)),
        e.kind === "rule" && zone ? h("small.muted.plan-time", {}, inZone(e.time, zone)) : null),
      h("td", {}, h("span.kind", { dataset: { kind: e.ruleKind ?? e.kind } }, e.kind === "rule" ? words(e.ruleKind) : e.kind)),
      h("td", {}, e.symbol ?? "—"),
      h("td.what", {}, what + cause),
      h("td.num", { dataset: { field: "price" } }, e.price != null ? price(e.price, s) : "—",
        e.quantity != null ? h("small.muted", {}, ` × ${quantity(e.quantity, s)}`) : null),
      h("td.num", { dataset: { field: "quote" } }, e.bid != null ? `${price(e.bid, s)} / ${price(e.ask, s)}` : "—"),
      h("td.num", { dataset: { field: "tick" } }, e.quoteSequence != null ? `#${e.quoteSequence}` : "—"),
      h("td.num", { dataset: { field: "balance" } }, money(e.balance)),
      h("td.num", { dataset: { field: "equity" } }, money(e.equity)),
      h("td.num", { dataset: { field: "dailyFloor" } }, money(e.dailyFloor)),
      h("td.num", { dataset: { field: "overallFloor" } }, money(e.overallFloor)));
  }

  function showTransitions(a) {
    fill(transitionsBody, [...a.transitions].reverse().map(t => h("tr", { dataset: { cause: t.cause } },
      h("td", {}, h("time", { datetime: t.time }, dateTime(t.time))),
      h("td", {}, `${t.attempt} · ${t.phaseIndex + 1}`),
      h("td", {}, `${t.from ? words(t.from) : "—"} → ${words(t.to)}`),
      h("td", {}, words(t.cause)), h("td", {}, t.rule ?? "—"), h("td.mono", {}, t.actor),
      h("td.reason", {}, t.reason ?? (t.evidence ? t.evidence.message : "—")))));
  }

  function render() {
    showHead(audit.assessment);
    showPicker();
    showPhase();
    showTransitions(audit.assessment);
  }

  async function reload() {
    const keep = audit.timelines[selected]?.accountId;
    const wasLatest = selected === audit.timelines.length - 1;
    audit = await get(`${path(id)}/audit`);
    const index = audit.timelines.findIndex(t => t.accountId === keep);
    selected = wasLatest || index < 0 ? audit.timelines.length - 1 : index;
    render();
  }

  let timer = 0;
  const reloadSoon = () => { clearTimeout(timer); timer = setTimeout(() => reload().catch(e => console.warn(e)), 300); };
  cleanups.push(() => clearTimeout(timer));

  render();

  // Live: the assessment's own events and its current phase's rule events and progress.
  const onAssessmentEvent = e => {
    if (e.assessmentId !== id || e.sequence <= sequence) return;
    sequence = e.sequence;
    if (e.transition?.to) {
      const badge = head.querySelector("#audit-status");
      badge.dataset.status = e.transition.to;
      badge.textContent = words(e.transition.to);
    }
    reloadSoon();
  };
  for (const name of ["StatusChanged", "PhaseStarted", "Extended"]) cleanups.push(hub.on(name, onAssessmentEvent));
  cleanups.push(hub.on("RuleEvent", e => { if (e.accountId === audit.assessment.currentAccountId) reloadSoon(); }));
  cleanups.push(hub.on("Evaluation", e => {
    if (e.accountId === audit.timelines[selected]?.accountId) cards.show(e.evaluation, zoneOf(audit.timelines[selected]));
  }));
  hub.hold(id);
  let subscribed = false;
  cleanups.push(await hub.follow(async () => {
    const answer = await hub.invoke("Subscribe", id);
    sequence = answer.sequence;
    // A reconnect, or a change between the first read and this subscription: the audit is reread.
    if (subscribed || answer.assessment.updatedAt !== audit.assessment.updatedAt) await reload();
    subscribed = true;
  }));
  main.dataset.audit = id;
  return async () => {
    cleanups.forEach(c => c());
    cards.remove();
    chart.remove();
    await hub.release(id, "Unsubscribe", id);
  };
}
