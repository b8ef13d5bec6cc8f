// The candlestick chart of one instrument: bars from REST, then built live from quotes; the account's fills as
// markers and its working orders as price lines. TradingView Lightweight Charts (global LightweightCharts).
import { get } from "./api.js";
import { h } from "./dom.js";
import { decimalsOf } from "./format.js";

/* global LightweightCharts */
const LC = () => LightweightCharts;
const SECONDS = { "1s": 1, "1m": 60 };
const toLocal = seconds => new Date(seconds * 1000);

export class PriceChart {
  constructor(container, spec, interval = "1m") {
    this.spec = spec;
    this.interval = interval;
    this.element = h("div.chart", { role: "img", "aria-label": `${spec.symbol} candlestick chart` });
    container.append(this.element, h("p.attribution", {}, "Charts by ", h("a", { href: "https://www.tradingview.com/", rel: "noopener" }, "TradingView Lightweight Charts™")));
    const digits = decimalsOf(spec.tickSize);
    this.chart = LC().createChart(this.element, {
      autoSize: true,
      // The library's own logo injects a <style> element, which the host's CSP refuses; the chart card carries a
      // visible "Charts by TradingView" link instead, which is the attribution the licence notice asks for.
      layout: { background: { color: "#11151c" }, textColor: "#c9d1d9", attributionLogo: false },
      grid: { vertLines: { color: "#1d2430" }, horzLines: { color: "#1d2430" } },
      timeScale: { timeVisible: true, secondsVisible: interval === "1s",
        tickMarkFormatter: t => toLocal(t).toLocaleTimeString(undefined, { hour12: false, hour: "2-digit", minute: "2-digit", second: interval === "1s" ? "2-digit" : undefined }) },
      localization: { timeFormatter: t => toLocal(t).toLocaleString(undefined, { hour12: false }) },
      rightPriceScale: { borderColor: "#2a3342" },
    });
    this.series = this.chart.addSeries(LC().CandlestickSeries, {
      upColor: "#26a69a", downColor: "#ef5350", wickUpColor: "#26a69a", wickDownColor: "#ef5350", borderVisible: false,
      priceFormat: { type: "price", precision: digits, minMove: Number(spec.tickSize) },
    });
    this.markers = LC().createSeriesMarkers(this.series, []);
    this.lines = new Map();   // order id -> price lines
    this.last = null;
  }

  async load() {
    const { bars } = await get(`/api/v1/instruments/${encodeURIComponent(this.spec.symbol)}/bars?interval=${this.interval}&limit=300`);
    const data = bars.map(b => ({ time: Math.floor(Date.parse(b.start) / 1000), open: +b.open, high: +b.high, low: +b.low, close: +b.close }));
    this.series.setData(data);
    this.last = data.at(-1) ?? null;
    this.element.dataset.bars = String(data.length);
  }

  /** Extends the current bar with a quote's last price, or opens the next one. */
  quote(quote) {
    const step = SECONDS[this.interval];
    const time = Math.floor(Date.parse(quote.time) / 1000 / step) * step;
    const px = Number(quote.last);
    if (this.last && time < this.last.time) return;
    this.last = this.last && this.last.time === time
      ? { ...this.last, high: Math.max(this.last.high, px), low: Math.min(this.last.low, px), close: px }
      : { time, open: this.last?.close ?? px, high: Math.max(px, this.last?.close ?? px), low: Math.min(px, this.last?.close ?? px), close: px };
    this.series.update(this.last);
    this.element.dataset.lastQuote = String(quote.sequence);
  }

  /** The account's fills in this instrument, as arrows on their bars. */
  fills(fills) {
    const step = SECONDS[this.interval];
    const mine = fills.filter(f => f.symbol === this.spec.symbol)
      .map(f => ({ time: Math.floor(Date.parse(f.time) / 1000 / step) * step, side: f.side, text: `${f.side} ${f.quantity} @ ${f.price}` }))
      .sort((a, b) => a.time - b.time);
    this.markers.setMarkers(mine.map(f => f.side === "buy"
      ? { time: f.time, position: "belowBar", color: "#26a69a", shape: "arrowUp", text: f.text }
      : { time: f.time, position: "aboveBar", color: "#ef5350", shape: "arrowDown", text: f.text }));
    this.element.dataset.fills = String(mine.length);
  }

  /** Working orders as horizontal lines at their limit / stop prices. */
  orders(orders) {
    for (const lines of this.lines.values()) lines.forEach(line => this.series.removePriceLine(line));
    this.lines.clear();
    for (const order of orders) {
      if (order.symbol !== this.spec.symbol) continue;
      const lines = [];
      const label = `${order.side} ${order.type.replace("_", " ")} ${order.quantity}${order.status === "held" ? " (held)" : ""}`;
      const color = order.side === "buy" ? "#4f9dff" : "#f0a830";
      const stop = order.stopPrice;
      if (order.limitPrice != null) lines.push(this.series.createPriceLine({ price: +order.limitPrice, color, lineWidth: 1, lineStyle: 2, axisLabelVisible: true, title: label }));
      if (stop != null) lines.push(this.series.createPriceLine({ price: +stop, color, lineWidth: 1, lineStyle: 1, axisLabelVisible: true, title: `${label} stop` }));
      this.lines.set(order.id, lines);
    }
    this.element.dataset.orderLines = String([...this.lines.values()].reduce((n, l) => n + l.length, 0));
  }

  remove() { this.chart.remove(); this.element.nextElementSibling?.remove(); this.element.remove(); }
}
