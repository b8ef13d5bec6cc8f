// The user's watchlists (REST /api/v1/watchlists, docs/dashboard.md "Watchlists"): pick, create, rename and delete a
// list, add and remove symbols, live bid / ask / last of its symbols, and a click on a symbol selects the instrument.
import { del, get, post, put } from "./api.js";
import { h, fill, toast } from "./dom.js";
import { field, showErrors, clearErrors } from "./forms.js";
import { price } from "./format.js";
import { instruments, onQuote, spec as specOf } from "./market.js";

const base = "/api/v1/watchlists";
const KEY = "crucible.watchlist";

export class WatchlistPanel {
  /** onSelect(symbol): the trader clicked a symbol. */
  constructor(container, { onSelect }) {
    this.onSelect = onSelect;
    this.lists = [];
    this.current = null;
    this.picker = h("select#watchlist-picker", { "aria-label": "Watchlist", onchange: e => { this.choose(e.target.value); } });
    this.body = h("tbody");
    this.table = h("table.grid#watchlist", {}, h("thead", {}, h("tr", {}, ["Symbol", "Bid", "Ask", "Last", ""].map((t, i) => h(i && i < 4 ? "th.num" : "th", {}, t)))), this.body);

    const nameInput = h("input", { type: "text", maxLength: 64, autocomplete: "off", placeholder: "e.g. Crypto" });
    this.createForm = h("form.inline-form#watchlist-create", { "aria-label": "Create a watchlist", novalidate: true, onsubmit: async e => {
      e.preventDefault();
      try {
        const created = await post(base, { name: nameInput.value });
        nameInput.value = "";
        clearErrors(this.createForm);
        await this.reload(created.id);
      } catch (error) { showErrors(this.createForm, error); }
    } }, field("name", "New watchlist", nameInput), h("button", { type: "submit" }, "Create"), h("p.form-error", { role: "alert" }));

    this.renameInput = h("input", { type: "text", maxLength: 64, autocomplete: "off" });
    this.renameForm = h("form.inline-form#watchlist-rename", { "aria-label": "Rename watchlist", novalidate: true, onsubmit: async e => {
      e.preventDefault();
      if (!this.current) return;
      try {
        await put(`${base}/${encodeURIComponent(this.current.id)}`, { name: this.renameInput.value });
        clearErrors(this.renameForm);
        await this.reload(this.current.id);
      } catch (error) { showErrors(this.renameForm, error); }
    } }, field("name", "Name", this.renameInput), h("button", { type: "submit" }, "Rename"),
      h("button.danger", { type: "button", onclick: () => this.remove() }, "Delete list"), h("p.form-error", { role: "alert" }));

    this.symbolSelect = h("select");
    this.addForm = h("form.inline-form#watchlist-add", { "aria-label": "Add a symbol", novalidate: true, onsubmit: async e => {
      e.preventDefault();
      if (!this.current) return;
      try {
        await post(`${base}/${encodeURIComponent(this.current.id)}/symbols`, { symbol: this.symbolSelect.value });
        clearErrors(this.addForm);
        await this.reload(this.current.id);
      } catch (error) { showErrors(this.addForm, error); }
    } }, field("symbol", "Add symbol", this.symbolSelect), h("button", { type: "submit" }, "Add"), h("p.form-error", { role: "alert" }));

    this.detail = h("div.watchlist-detail", {}, this.renameForm, h("div.scroll", {}, this.table), this.addForm);
    this.element = h("section.card.watchlists", { "aria-labelledby": "watchlists-title" },
      h("div.card-head", {}, h("h2#watchlists-title", {}, "Watchlists"), this.picker), this.detail, this.createForm);
    container.append(this.element);
    this.off = onQuote(quote => this.quote(quote));
  }

  async reload(selectId) {
    this.lists = await get(base);
    const wanted = selectId ?? this.current?.id ?? sessionStorage.getItem(KEY);
    this.current = this.lists.find(l => l.id === wanted) ?? this.lists[0] ?? null;
    this.render();
  }

  choose(id) {
    this.current = this.lists.find(l => l.id === id) ?? null;
    this.render();
  }

  render() {
    if (this.current) sessionStorage.setItem(KEY, this.current.id);
    fill(this.picker, this.lists.length ? this.lists.map(l => h("option", { value: l.id, selected: l.id === this.current?.id }, l.name)) : h("option", { value: "" }, "No watchlists"));
    this.picker.disabled = !this.lists.length;
    this.detail.hidden = !this.current;
    this.element.dataset.watchlist = this.current?.name ?? "";
    if (!this.current) return;
    this.renameInput.value = this.current.name;
    const listed = new Set(this.current.symbols);
    fill(this.symbolSelect, [...instruments.values()].filter(s => !listed.has(s.symbol)).map(s => h("option", { value: s.symbol }, s.symbol)));
    const rows = this.current.symbols.map(symbol => {
      const s = specOf(symbol);
      const q = s?.quote;
      return h("tr", { dataset: { symbol } },
        h("td", {}, h("button.link", { type: "button", "aria-label": `Select ${symbol}`, onclick: () => this.onSelect(symbol) }, symbol)),
        h("td.num", { dataset: { field: "bid" } }, q ? price(q.bid, s) : "—"),
        h("td.num", { dataset: { field: "ask" } }, q ? price(q.ask, s) : "—"),
        h("td.num", { dataset: { field: "last" } }, q ? price(q.last, s) : "—"),
        h("td", {}, h("button.small", { type: "button", "aria-label": `Remove ${symbol} from the watchlist`, onclick: () => this.removeSymbol(symbol) }, "×")));
    });
    fill(this.body, rows.length ? rows : h("tr.none", {}, h("td", { colSpan: 5 }, "No symbols yet: add one below.")));
  }

  quote(quote) {
    const row = this.body.querySelector(`tr[data-symbol="${CSS.escape(quote.symbol)}"]`);
    if (!row) return;
    const s = specOf(quote.symbol);
    row.querySelector('[data-field="bid"]').textContent = price(quote.bid, s);
    row.querySelector('[data-field="ask"]').textContent = price(quote.ask, s);
    row.querySelector('[data-field="last"]').textContent = price(quote.last, s);
    row.dataset.sequence = String(quote.sequence);
  }

  async removeSymbol(symbol) {
    try {
      await del(`${base}/${encodeURIComponent(this.current.id)}/symbols/${encodeURIComponent(symbol)}`);
      await this.reload(this.current.id);
    } catch (error) { toast(`Remove ${symbol}: ${error.message}`); }
  }

  async remove() {
    if (!this.current) return;
    try {
      await del(`${base}/${encodeURIComponent(this.current.id)}`);
      sessionStorage.removeItem(KEY);
      this.current = null;
      await this.reload();
    } catch (error) { toast(`Delete watchlist: ${error.message}`); }
  }

  dispose() { this.off(); this.element.remove(); }
}
