// The public live markets table: every instrument with its quote, following every symbol.
import { h } from "../dom.js";
import { price, tone, clock } from "../format.js";
import { instruments, loadInstruments, onQuote, watch } from "../market.js";

export async function marketsView(main) {
  const list = await loadInstruments();
  const rows = new Map();
  const tbody = h("tbody");
  for (const spec of list) {
    const cells = Object.fromEntries(["bid", "ask", "last", "change", "time", "sequence"].map(k => [k, h("td.num", { dataset: { field: k } })]));
    const row = h("tr", { dataset: { symbol: spec.symbol } },
      // Opens the trading screen on this instrument (the last account used).
      h("td", {}, h("a", { href: "#/trade", onclick: () => sessionStorage.setItem("crucible.symbol", spec.symbol) }, spec.symbol)),
      h("td.hide-narrow", {}, spec.name), h("td.hide-narrow", {}, spec.kind + (spec.marketOpen ? "" : " · closed")),
      cells.bid, cells.ask, cells.last, cells.change, cells.time, cells.sequence);
    rows.set(spec.symbol, { cells, first: spec.quote ? Number(spec.quote.last) : null });
    tbody.append(row);
    if (spec.quote) show(spec.quote);
  }
  function show(quote) {
    const entry = rows.get(quote.symbol);
    if (!entry) return;
    const spec = instruments.get(quote.symbol);
    entry.first ??= Number(quote.last);
    const change = Number(quote.last) - entry.first;
    entry.cells.bid.textContent = price(quote.bid, spec);
    entry.cells.ask.textContent = price(quote.ask, spec);
    entry.cells.last.textContent = quote.settlement != null ? `settled ${quote.settlement}` : price(quote.last, spec);
    entry.cells.change.textContent = (change > 0 ? "+" : "") + price(change, spec);
    entry.cells.change.className = `num ${tone(change)}`;
    entry.cells.time.textContent = clock(quote.time);
    entry.cells.sequence.textContent = quote.sequence;
  }
  const off = onQuote(show);
  main.append(h("section.card", {},
    h("h1", {}, "Live markets"),
    h("div.scroll", {}, h("table#markets.grid", { "aria-label": "Instruments" },
      h("thead", {}, h("tr", {}, h("th", {}, "Symbol"), h("th.hide-narrow", {}, "Name"), h("th.hide-narrow", {}, "Kind"),
        ...["Bid", "Ask", "Last", "Change", "Time", "Seq"].map(t => h("th.num", {}, t)))),
      tbody)),
    h("p.foot", {}, "Prices stream over SignalR from /hubs/market. REST: ", h("a", { href: "/api/v1/instruments" }, "/api/v1/instruments"),
      " · OpenAPI: ", h("a", { href: "/openapi/v1.json" }, "/openapi/v1.json"))));
  await watch(list.map(s => s.symbol));
  return () => off();
}
