// The page-load budget's marks (bench/page-load): "crucible:interactive" is set once, the first time the trading
// screen is usable: the shell is ready (body[data-ready=true]) and the chart's quote is drawn. Readers take
// performance.getEntriesByName("crucible:interactive")[0].startTime, milliseconds since navigation start.
let marked = false;

export function markInteractive() {
  if (marked || document.body.dataset.ready !== "true") return;
  if (!document.querySelector(".view[data-account] #quote-line [data-sequence]")) return;
  marked = true;
  performance.mark("crucible:interactive");
}
