// The assessments table: filters (status, plan, trader, creation date range) kept in the URL, paging, and live status
// changes from the evaluators' feed (no reload): a row changes the moment its assessment's status event arrives, and is
// then reread from REST so it shows exactly what the server holds.
import { get } from "../api.js";
import { h, fill } from "../dom.js";
import { field } from "../forms.js";
import { dateTime, words } from "../format.js";
import { onFeed } from "./feed.js";

export const STATUSES = ["pending", "active", "passed", "funded", "failed", "expired", "abandoned"];
const PAGE = 25;

/** A yyyy-mm-dd date as the start of that day in the user's zone, as an ISO instant. */
const dayStart = (date, days = 0) => {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(y, m - 1, d + days).toISOString();
};

export async function assessmentsView(main, { query, navigate }) {
  const plans = await get("/api/v1/plans").catch(() => []);
  const planNames = new Map(plans.map(p => [p.id, p.name]));
  const page = Math.max(0, Number(query.get("page") ?? 0) | 0);

  const status = h("select", {}, h("option", { value: "" }, "any status"), STATUSES.map(s => h("option", { value: s }, words(s))));
  const plan = h("select", {}, h("option", { value: "" }, "any plan"), plans.map(p => h("option", { value: p.id }, p.name)));
  const trader = h("input", { type: "text", placeholder: "user id", autocomplete: "off", spellcheck: false });
  const from = h("input", { type: "date" });
  const to = h("input", { type: "date" });
  status.value = query.get("status") ?? "";
  plan.value = query.get("planId") ?? "";
  trader.value = query.get("traderId") ?? "";
  from.value = query.get("from") ?? "";
  to.value = query.get("to") ?? "";

  const filters = h("form.card.filters", { "aria-label": "Filter assessments", novalidate: true, onsubmit: event => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (status.value) next.set("status", status.value);
    if (plan.value) next.set("planId", plan.value);
    if (trader.value.trim()) next.set("traderId", trader.value.trim());
    if (from.value) next.set("from", from.value);
    if (to.value) next.set("to", to.value);
    navigate(`assessments${next.size ? `?${next}` : ""}`);
  } },
    field("status", "Status", status), field("planId", "Plan", plan), field("traderId", "Trader", trader),
    field("from", "Created from", from), field("to", "Created to (inclusive)", to),
    h("p.form-error", { role: "alert" }),
    h("div.filter-actions", {}, h("button.primary", { type: "submit" }, "Apply"), " ",
      h("a.button", { href: "#/assessments" }, "Clear")));

  const body = h("tbody#assessments-body");
  const summary = h("p.muted.page-info", { "aria-live": "polite" });
  const pager = h("nav.pager", { "aria-label": "Pages" });
  main.append(h("h1", {}, "Assessments"), filters,
    h("section.card", { "aria-label": "Assessments" },
      h("div.scroll", {}, h("table.grid.assessments", {},
        h("caption.sr-only", {}, "Assessments, newest first; status changes arrive live"),
        h("thead", {}, h("tr", {}, ["Status", "Assessment", "Plan", "Trader", "Attempt", "Phase", "Created", "Updated"].map(t => h("th", { scope: "col" }, t)))),
        body)),
      summary, pager));

  // The server's query: from/to are instants; "to" is inclusive in the form, so the next day's start, exclusive.
  const api = new URLSearchParams({ limit: String(PAGE + 1), offset: String(page * PAGE) });
  for (const key of ["status", "planId", "traderId"]) if (query.get(key)) api.set(key, query.get(key));
  if (query.get("from")) api.set("from", dayStart(query.get("from")));
  if (query.get("to")) api.set("to", dayStart(query.get("to"), 1));

  const rows = new Map();   // id -> row element
  async function load() {
    let list;
    try {
      list = await get(`/api/v1/assessments?${api}`);
    } catch (error) {
      // A filter the server refuses (e.g. from after to): its message next to the field.
      const field_ = error.field ?? Object.keys(error.errors ?? {})[0];
      const target = filters.querySelector(`[data-error-for="${CSS.escape(field_ ?? "")}"]`) ?? filters.querySelector(".form-error");
      target.textContent = [].concat(error.errors?.[field_] ?? error.message).join(" ");
      list = [];
    }
    const more = list.length > PAGE;
    const shown = list.slice(0, PAGE);
    rows.clear();
    fill(body, shown.length ? shown.map(a => { const r = row(a); rows.set(a.id, r); return r; })
      : h("tr.none", {}, h("td", { colSpan: 8 }, "No assessments match these filters.")));
    summary.textContent = shown.length ? `Showing ${page * PAGE + 1}–${page * PAGE + shown.length}, newest first.` : "";
    const link = p => { const q = new URLSearchParams(query); if (p) q.set("page", String(p)); else q.delete("page"); return `#/assessments${q.size ? `?${q}` : ""}`; };
    fill(pager, page > 0 ? h("a.button", { href: link(page - 1), rel: "prev" }, "← Newer") : null, " ",
      h("span.muted", {}, `page ${page + 1}`), " ",
      more ? h("a.button", { href: link(page + 1), rel: "next" }, "Older →") : null);
    main.dataset.loaded = String(Date.now());
  }

  function row(a) {
    // Status first: on a phone the table scrolls sideways, and status and id are what an evaluator scans for.
    return h("tr", { dataset: { assessment: a.id } },
      h("td", {}, h("span.badge", { dataset: { status: a.status, field: "status" } }, words(a.status))),
      h("td", {}, h("a", { href: `#/audit/${encodeURIComponent(a.id)}` }, a.id)),
      h("td", {}, planNames.get(a.planId) ?? a.planId),
      h("td.trader", { title: a.traderId }, a.traderId),
      h("td.num", {}, String(a.attempt)),
      h("td.num", {}, String(a.phaseIndex + 1)),
      h("td", {}, h("time", { datetime: a.createdAt }, dateTime(a.createdAt))),
      h("td", { dataset: { field: "updated" } }, h("time", { datetime: a.updatedAt }, dateTime(a.updatedAt))));
  }

  function update(a) {
    const old = rows.get(a.id);
    if (!old) return;
    const fresh = row(a);
    fresh.classList.add("changed");
    old.replaceWith(fresh);
    rows.set(a.id, fresh);
  }

  const rereads = new Map();
  /** An event for a shown row: show its new status at once, then reread it (at most once per 300 ms per row). */
  function onEvent(name, e) {
    if (name === "Created") {
      if (page === 0) { clearTimeout(rereads.get("*")); rereads.set("*", setTimeout(load, 300)); }
      return;
    }
    const current = rows.get(e.assessmentId);
    if (!current) return;
    const to = e.transition?.to;
    if (to) {
      const badge = current.querySelector('[data-field="status"]');
      badge.dataset.status = to;
      badge.textContent = words(to);
      current.classList.add("changed");
    }
    clearTimeout(rereads.get(e.assessmentId));
    rereads.set(e.assessmentId, setTimeout(async () => {
      const fresh = await get(`/api/v1/assessments/${encodeURIComponent(e.assessmentId)}`).catch(() => null);
      if (fresh) update(fresh);
    }, 300));
  }

  await load();
  const stop = await onFeed(onEvent, load);
  // Loaded and following the feed: from here every status change reaches the table (the browser tests wait for it).
  main.dataset.live = "true";
  return () => { stop(); rereads.forEach(t => clearTimeout(t)); };
}
