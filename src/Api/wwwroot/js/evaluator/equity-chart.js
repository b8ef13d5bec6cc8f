// An audited phase's equity curve with the daily-loss and overall-loss floors in force at each point, as step lines
// (TradingView Lightweight Charts, global LightweightCharts). Times on the axis are in the user's zone.
import { h } from "../dom.js";

/* global LightweightCharts */
const LC = () => LightweightCharts;
const toLocal = seconds => new Date(seconds * 1000);

/** Points at one second each (the chart needs increasing times): the last value of each second wins. */
export function perSecond(points, pick) {
  const out = new Map();
  for (const p of points) {
    const value = pick(p);
    if (value === null || value === undefined) continue;
    out.set(Math.floor(Date.parse(p.time) / 1000), Number(value));
  }
  return [...out].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value }));
}

export class EquityChart {
  constructor(container) {
    this.element = h("div.chart.equity-chart", { role: "img", "aria-label": "Equity with the daily-loss and overall floors" });
    this.legend = h("p.legend", {},
      h("span.key.equity", {}, "equity"), h("span.key.daily", {}, "daily-loss floor"), h("span.key.overall", {}, "overall floor"));
    container.append(this.legend, this.element,
      h("p.attribution", {}, "Charts by ", h("a", { href: "https://www.tradingview.com/", rel: "noopener" }, "TradingView Lightweight Charts™")));
    this.chart = LC().createChart(this.element, {
      autoSize: true,
      // The library's logo injects a <style> element, which the CSP refuses; the link above is the attribution.
      layout: { background: { color: "#11151c" }, textColor: "#c9d1d9", attributionLogo: false },
      grid: { vertLines: { color: "#1d2430" }, horzLines: { color: "#1d2430" } },
      timeScale: { timeVisible: true, secondsVisible: true,
        tickMarkFormatter: t => toLocal(t).toLocaleTimeString(undefined, { hour12: false }) },
      localization: { timeFormatter: t => toLocal(t).toLocaleString(undefined, { hour12: false }) },
      rightPriceScale: { borderColor: "#2a3342" },
    });
    const money = { type: "price", precision: 2, minMove: 0.01 };
    this.equity = this.chart.addSeries(LC().LineSeries, { color: "#4f9dff", lineWidth: 2, priceFormat: money, title: "equity" });
    const step = { lineWidth: 1, lineType: LC().LineType.WithSteps, lineStyle: 2, priceFormat: money, lastValueVisible: true };
    this.daily = this.chart.addSeries(LC().LineSeries, { ...step, color: "#f0a830", title: "daily floor" });
    this.overall = this.chart.addSeries(LC().LineSeries, { ...step, color: "#ef5350", title: "overall floor" });
  }

  /** points: the audit time line's equity ({ time, equity, dailyFloor, overallFloor }). */
  show(points) {
    const equity = perSecond(points, p => p.equity);
    this.equity.setData(equity);
    this.daily.setData(perSecond(points, p => p.dailyFloor));
    this.overall.setData(perSecond(points, p => p.overallFloor));
    this.chart.timeScale().fitContent();
    this.element.dataset.points = String(equity.length);
  }

  remove() { this.chart.remove(); }
}
