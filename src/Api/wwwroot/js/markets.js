// The live markets page: load the catalog over REST, then follow every symbol over SignalR.
"use strict";

const rows = new Map();      // symbol -> { row, cells, spec, first, sequence }
const statusEl = document.getElementById("status");

function setStatus(text, kind) {
  statusEl.textContent = text;
  statusEl.className = "status " + kind;
}

function decimals(step) {
  const text = String(step);
  return text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
}

function format(value, spec) {
  return value === null || value === undefined ? "—" : Number(value).toFixed(decimals(spec.tickSize));
}

function addRow(instrument) {
  const row = document.createElement("tr");
  row.dataset.symbol = instrument.symbol;
  const cells = {};
  for (const key of ["symbol", "name", "kind", "bid", "ask", "last", "change", "time", "sequence"]) {
    const cell = document.createElement("td");
    cell.dataset.field = key;
    if (["bid", "ask", "last", "change", "sequence"].includes(key)) cell.className = "num";
    row.appendChild(cell);
    cells[key] = cell;
  }
  cells.symbol.textContent = instrument.symbol;
  cells.name.textContent = instrument.name;
  cells.kind.textContent = instrument.kind.toLowerCase() + (instrument.marketOpen ? "" : " · closed");
  document.querySelector("#markets tbody").appendChild(row);
  const entry = { row, cells, spec: instrument, first: null, sequence: 0 };
  rows.set(instrument.symbol, entry);
  if (instrument.quote) show(instrument.quote);
}

function show(quote) {
  const entry = rows.get(quote.symbol);
  if (!entry || quote.sequence <= entry.sequence) return;   // older than what is shown
  const { cells, spec } = entry;
  const previousLast = entry.sequence > 0 ? Number(cells.last.dataset.value) : null;
  entry.sequence = quote.sequence;
  if (entry.first === null) entry.first = Number(quote.last);
  cells.bid.textContent = format(quote.bid, spec);
  cells.ask.textContent = format(quote.ask, spec);
  cells.last.textContent = format(quote.last, spec);
  cells.last.dataset.value = quote.last;
  const change = Number(quote.last) - entry.first;
  cells.change.textContent = (change >= 0 ? "+" : "") + change.toFixed(decimals(spec.tickSize));
  cells.change.className = "num " + (change > 0 ? "up" : change < 0 ? "down" : "");
  cells.time.textContent = new Date(quote.time).toISOString().substring(11, 23);
  cells.sequence.textContent = quote.sequence;
  if (quote.settlement !== null && quote.settlement !== undefined) {
    entry.row.classList.add("settled");
    cells.last.textContent = "settled " + quote.settlement;
  }
  if (previousLast !== null && previousLast !== Number(quote.last)) {
    cells.last.classList.add("flash");
    requestAnimationFrame(() => requestAnimationFrame(() => cells.last.classList.remove("flash")));
  }
}

async function start() {
  const response = await fetch("/api/v1/instruments");
  const instruments = await response.json();
  instruments.forEach(addRow);

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/market")
    .withAutomaticReconnect()
    .build();
  connection.on("Quote", show);
  const subscribe = async () => {
    const snapshot = await connection.invoke("Subscribe", [...rows.keys()]);
    snapshot.forEach(show);
    setStatus("live", "live");
  };
  connection.onreconnecting(() => setStatus("reconnecting…", "connecting"));
  connection.onreconnected(subscribe);
  connection.onclose(() => setStatus("disconnected", "down"));
  await connection.start();
  await subscribe();
}

start().catch(error => {
  console.error(error);
  setStatus("unavailable: " + error.message, "down");
});
