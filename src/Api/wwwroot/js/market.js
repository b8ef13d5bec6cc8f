// The instrument catalog and live quotes. Every quote carries its symbol's sequence number: an older one is dropped,
// and a jump means ticks were missed (the hub conflates for slow clients, or the connection dropped), so the symbol
// is resynced from REST and listeners are told (the chart reloads its bars).
import { get } from "./api.js";
import { market, noteResync, stats } from "./live.js";

export const instruments = new Map();   // symbol -> spec (with .quote)
const quoteListeners = new Set();
const gapListeners = new Set();
const watched = new Set();
let loaded = null;

export const onQuote = listener => { quoteListeners.add(listener); return () => quoteListeners.delete(listener); };
export const onGap = listener => { gapListeners.add(listener); return () => gapListeners.delete(listener); };

export function loadInstruments() {
  loaded ??= get("/api/v1/instruments").then(list => {
    for (const spec of list) instruments.set(spec.symbol, spec);
    return list;
  });
  return loaded;
}

export const spec = symbol => instruments.get(symbol);

function apply(quote, { fromRest = false } = {}) {
  const instrument = instruments.get(quote.symbol);
  if (!instrument) return;
  const last = instrument.quote?.sequence ?? 0;
  if (quote.sequence <= last) return;                      // older than what is shown
  if (!fromRest && last > 0 && quote.sequence > last + 1) gap(quote.symbol);
  instrument.quote = quote;
  quoteListeners.forEach(listener => listener(quote, instrument));
}

const resyncing = new Set();
const focus = new Set();

/**
 * The symbols whose history the page shows (the chart's, the open positions'): a gap in one of them is resynced from
 * REST. A gap elsewhere only counts: the newer quote is already the latest, and a page following every symbol on a
 * busy market would otherwise reread the catalog every second.
 */
export function setFocus(symbols) {
  focus.clear();
  symbols.forEach(s => focus.add(s));
}

async function gap(symbol) {
  stats.gaps++;
  if (!focus.has(symbol) || resyncing.has(symbol)) return;
  resyncing.add(symbol);
  try {
    const fresh = await get(`/api/v1/instruments/${encodeURIComponent(symbol)}`);
    if (fresh.quote) apply(fresh.quote, { fromRest: true });
    noteResync();
    gapListeners.forEach(listener => listener(symbol));
  } catch (error) {
    console.warn(`resync ${symbol}: ${error.message}`);
  } finally {
    // At most one REST resync per symbol a second, however many gaps a burst shows.
    setTimeout(() => resyncing.delete(symbol), 1000);
  }
}

market.on("Quote", quote => apply(quote));

/** Follows symbols live; after each reconnect the subscription's snapshot and a REST reread bring everything current. */
export async function watch(symbols) {
  const fresh = symbols.filter(s => !watched.has(s));
  if (!fresh.length) return;
  fresh.forEach(s => watched.add(s));
  await market.follow(async () => {
    const snapshot = await market.invoke("Subscribe", fresh);
    snapshot.forEach(quote => apply(quote, { fromRest: true }));
  });
}

/** After a reconnect: reread every watched symbol from REST (quotes missed while away) and tell the listeners. */
market.follow(async () => {
  if (!loaded || stats.reconnects === 0) return;
  const list = await get("/api/v1/instruments");
  for (const fresh of list) if (watched.has(fresh.symbol) && fresh.quote) apply(fresh.quote, { fromRest: true });
  noteResync();
  [...watched].forEach(symbol => gapListeners.forEach(listener => listener(symbol)));
});
