// The account's equity curve with the overall drawdown floor and the daily-loss floor as lines (docs/dashboard.md
// "Equity curve"): one-minute history from GET /api/v1/accounts/{id}/equity (each bucket's closing equity and the floors
// in force at that close), then extended live by the account's balance updates and the phase's evaluation pushes.
// TradingView Lightweight Charts line series; snapshot() gives the series' data to the browser tests.
import { get } from "./api.js";
import { h } from "./dom.js";
import { money } from "./format.js";

/* global LightweightCharts */
const LC = () => LightweightCharts;
const minute = time => Math.floor(Date.parse(time) / 60000) * 60;

export class EquityChart {
  constructor(container, accountId) {
    this.accountId = accountId;
    this.element = h("div.equity-chart#equity-chart", { role: "img", "aria-label": "Equity curve with the loss floors" });
    this.legend = h("p.legend", {},
      h("span.key.equity", {}, "equity"), " ", h("span.key.overall", {}, "overall drawdown floor"), " ", h("span.key.daily", {}, "daily-loss floor"));
    this.card = h("section.card.equity-card", { "aria-labelledby": "equity-title" }, h("h2#equity-title", {}, "Equity"), this.legend, this.element,
      h("p.attribution", {}, "Charts by ", h("a", { href: "https://www.tradingview.com/", rel: "noopener" }, "TradingView Lightweight Charts™")));
    container.append(this.card);
    this.chart = LC().createChart(this.element, {
      autoSize: true,
      layout: { background: { color: "#11151c" }, textColor: "#c9d1d9", attributionLogo: false },
      grid: { vertLines: { color: "#1d2430" }, horzLines: { color: "#1d2430" } },
      timeScale: { timeVisible: true, secondsVisible: false },
      localization: { timeFormatter: t => new Date(t * 1000).toLocaleString(undefined, { hour12: false }) },
      rightPriceScale: { borderColor: "#2a3342" },
    });
    const format = { type: "price", precision: 2, minMove: 0.01 };
    this.series = {
      equity: this.chart.addSeries(LC().LineSeries, { color: "#4f9dff", lineWidth: 2, priceFormat: format, title: "equity" }),
      overallFloor: this.chart.addSeries(LC().LineSeries, { color: "#ef5350", lineWidth: 1, lineStyle: 2, priceFormat: format, title: "overall floor" }),
      dailyFloor: this.chart.addSeries(LC().LineSeries, { color: "#f0a830", lineWidth: 1, lineStyle: 1, priceFormat: format, title: "daily floor" }),
    };
    this.lastTime = 0;
  }

  async load() {
    const history = await get(`/api/v1/accounts/${encodeURIComponent(this.accountId)}/equity?resolution=1m`);
    const points = key => history.bars.filter(b => b[key] != null).map(b => ({ time: minute(b.start), value: Number(b[key]) }));
    this.series.equity.setData(points("close"));
    this.series.overallFloor.setData(points("overallFloor"));
    this.series.dailyFloor.setData(points("dailyFloor"));
    this.lastTime = Math.max(0, ...history.bars.map(b => minute(b.start)));
    this.mark();
  }

  /** Sets a series' point for the minute of `time`; a time before the last point shown goes on that last point. */
  put(key, time, value) {
    if (value === null || value === undefined || Number.isNaN(Number(value))) return;
    const t = Math.max(time ? minute(time) : Math.floor(Date.now() / 60000) * 60, this.lastTime);
    this.lastTime = t;
    for (const [name, series] of Object.entries(this.series)) {
      const data = series.data();
      // Lightweight Charts updates only the last point or appends: every series moves to the new minute together.
      if (name !== key && data.length && data.at(-1).time < t) series.update({ time: t, value: data.at(-1).value });
    }
    this.series[key].update({ time: t, value: Number(value) });
    this.mark();
  }

  /** A balance update of the account (AccountUpdated: its time and snapshot). */
  equity(account, time) { this.put("equity", time, account?.equity); }

  /** The phase's evaluation: its loss limits' floors (paper accounts have none). */
  floors(evaluation, time) {
    for (const p of evaluation?.progress ?? []) {
      if (p.rule === "overallLoss") this.put("overallFloor", time, p.limit);
      if (p.rule === "dailyLoss") this.put("dailyFloor", time, p.limit);
    }
  }

  /** What each line shows, for the page's readers and the browser tests. */
  snapshot() {
    const values = s => s.data().map(p => ({ time: p.time, value: p.value }));
    return { equity: values(this.series.equity), overallFloor: values(this.series.overallFloor), dailyFloor: values(this.series.dailyFloor) };
  }

  mark() {
    const last = s => s.data().at(-1)?.value;
    const set = (name, value) => { if (value === undefined) delete this.element.dataset[name]; else this.element.dataset[name] = String(value); };
    set("equity", last(this.series.equity));
    set("overallFloor", last(this.series.overallFloor));
    set("dailyFloor", last(this.series.dailyFloor));
    this.element.dataset.points = String(this.series.equity.data().length);
    this.element.setAttribute("aria-label", `Equity ${money(last(this.series.equity) ?? 0)}` +
      (last(this.series.overallFloor) !== undefined ? `, overall floor ${money(last(this.series.overallFloor))}` : "") +
      (last(this.series.dailyFloor) !== undefined ? `, daily floor ${money(last(this.series.dailyFloor))}` : ""));
  }

  remove() { this.chart.remove(); this.card.remove(); }
}
