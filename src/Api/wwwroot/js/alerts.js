// Price alerts (docs/alerts.md): held and evaluated by the engine, not the page. The panel creates, lists and deletes
// them over /api/v1/alerts; a firing arrives as `Alert` on /hubs/accounts (every connection gets its own user's) and is
// shown at once as a notice that stays until dismissed, and in the list with its time and the quote that fired it.
import { del, get, post } from "./api.js";
import { h, fill, toast } from "./dom.js";
import { field, showErrors, clearErrors } from "./forms.js";
import { clock, price, words } from "./format.js";
import { accounts, noteResync } from "./live.js";
import { instruments, spec as specOf } from "./market.js";

const base = "/api/v1/alerts";
const CONDITIONS = { above: "at or above", below: "at or below", crosses_up: "crosses up through", crosses_down: "crosses down through", crosses: "crosses" };
const listeners = new Set();
let lastSequence = 0;

/** What the page knows of the engine's alert firings (the browser tests read it). */
export const alertStats = { fired: 0, gaps: 0 };

export const describe = a => `${a.symbol} ${a.source} ${CONDITIONS[a.condition] ?? words(a.condition)} ${price(a.level, specOf(a.symbol))}`;

function notice(alert) {
  let area = document.getElementById("alert-notices");
  if (!area) {
    area = h("div#alert-notices.notices", { role: "alert", "aria-live": "assertive" });
    document.body.append(area);
  }
  const t = alert.trigger, s = specOf(alert.symbol);
  const item = h("div.notice", { dataset: { alert: alert.id } },
    h("strong", {}, "Alert fired: "), describe(alert),
    h("span.muted", {}, ` — ${price(t.price, s)} at ${clock(alert.firedAt)} (tick #${t.sequence})`), " ",
    alert.note ? h("em", {}, alert.note) : null, " ",
    h("button.small", { type: "button", "aria-label": "Dismiss", onclick: () => item.remove() }, "Dismiss"));
  area.append(item);
}

// Registered once, whatever screen is open: the hub delivers the user's firings to every connection.
accounts.on("Alert", fired => {
  const gap = lastSequence > 0 && fired.sequence > lastSequence + 1;
  if (fired.sequence <= lastSequence) return;
  lastSequence = fired.sequence;
  alertStats.fired++;
  if (gap) alertStats.gaps++;
  notice(fired.alert);
  listeners.forEach(l => l(fired.alert, gap));
});

export class AlertPanel {
  /** symbol(): the instrument the screen shows, the form's default. */
  constructor(container, { symbol }) {
    this.symbol = symbol;
    this.alerts = [];
    this.body = h("tbody");
    const s = specOf(symbol());
    this.symbolSelect = h("select", {}, [...instruments.values()].map(i => h("option", { value: i.symbol, selected: i.symbol === s?.symbol }, i.symbol)));
    this.conditionSelect = h("select", {}, Object.entries(CONDITIONS).map(([value, label]) => h("option", { value }, label)));
    this.sourceSelect = h("select", {}, ["mid", "bid", "ask"].map(v => h("option", { value: v }, v)));
    this.levelInput = h("input", { type: "number", inputMode: "decimal", min: "0" });
    this.noteInput = h("input", { type: "text", maxLength: 140, autocomplete: "off" });
    this.symbolSelect.addEventListener("change", () => this.prefill());
    this.form = h("form.alert-form#alert-form", { "aria-label": "New price alert", novalidate: true, onsubmit: async e => {
      e.preventDefault();
      const body = { symbol: this.symbolSelect.value, condition: this.conditionSelect.value, source: this.sourceSelect.value, level: this.levelInput.value.trim() };
      if (this.noteInput.value.trim()) body.note = this.noteInput.value.trim();
      try {
        await post(base, body);
        clearErrors(this.form);
        this.noteInput.value = "";
        await this.reload();
      } catch (error) { showErrors(this.form, error); }
    } },
      h("div.pair", {}, field("symbol", "Symbol", this.symbolSelect), field("condition", "When the price", this.conditionSelect)),
      h("div.pair", {}, field("level", "Level", this.levelInput), field("source", "Price", this.sourceSelect, "mid = (bid + ask) / 2")),
      field("note", "Note (optional)", this.noteInput),
      h("p.form-error", { role: "alert" }),
      h("button.primary", { type: "submit" }, "Create alert"));
    this.element = h("section.card.alerts", { "aria-labelledby": "alerts-title" }, h("h2#alerts-title", {}, "Price alerts"),
      h("div.scroll", {}, h("table.grid#alerts", {}, h("thead", {}, h("tr", {}, ["Alert", "State", "Fired", ""].map(t => h("th", {}, t)))), this.body)),
      this.form);
    container.append(this.element);
    this.prefill();
    const onFired = (alert, gap) => { if (gap) this.reload(); else this.fired(alert); };
    listeners.add(onFired);
    this.offs = [() => listeners.delete(onFired)];
  }

  prefill() {
    const s = specOf(this.symbolSelect.value);
    if (!s) return;
    this.levelInput.step = String(s.tickSize);
    if (s.quote) this.levelInput.value = price((Number(s.quote.bid) + Number(s.quote.ask)) / 2, s).replace(/,/g, "");
  }

  /** Loads the list now and after every reconnect (a firing pushed while away is in the list). */
  async start() {
    this.offs.push(await accounts.follow(async () => {
      const again = this.loaded;
      await this.reload();
      if (again) noteResync();
    }));
  }

  async reload() {
    this.alerts = await get(base);
    this.loaded = true;
    this.render();
  }

  fired(alert) {
    const i = this.alerts.findIndex(a => a.id === alert.id);
    if (i >= 0) this.alerts[i] = alert; else this.alerts.push(alert);
    this.render();
  }

  render() {
    const rows = this.alerts.map(a => {
      const t = a.trigger, s = specOf(a.symbol);
      return h("tr", { dataset: { alert: a.id, state: a.state } },
        h("td", {}, describe(a), a.note ? h("small.muted", {}, ` · ${a.note}`) : null),
        h("td", {}, h("span.badge", { dataset: { status: a.state === "fired" ? "passed" : "" } }, a.state)),
        h("td", { dataset: { field: "fired" } }, t ? `${clock(a.firedAt)} · ${price(t.price, s)} (bid ${price(t.bid, s)} / ask ${price(t.ask, s)}, tick #${t.sequence})` : "—"),
        h("td", {}, h("button.small", { type: "button", "aria-label": `Delete alert ${describe(a)}`, onclick: () => this.remove(a) }, "Delete")));
    });
    fill(this.body, rows.length ? rows : h("tr.none", {}, h("td", { colSpan: 4 }, "No alerts.")));
  }

  async remove(alert) {
    try {
      await del(`${base}/${encodeURIComponent(alert.id)}`);
      await this.reload();
    } catch (error) { toast(`Delete alert: ${error.message}`); }
  }

  dispose() { this.offs.forEach(off => off()); this.element.remove(); }
}
