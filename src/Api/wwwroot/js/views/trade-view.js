// The trader's screen for one account (an assessment's phase account or a paper account): balances, the
// objective cards, the chart, the order ticket, positions with live P&L, working orders, the activity feed, the equity
// curve with its floors, the watchlists and the price alerts.
import { del, get, patch, post } from "../api.js";
import { h, fill, toast } from "../dom.js";
import { field, showErrors } from "../forms.js";
import { clock, money, price, quantity, tone, words } from "../format.js";
import { AccountFeed } from "../account-feed.js";
import { PriceChart } from "../chart.js";
import { ObjectiveCards } from "../objectives.js";
import { orderTicket } from "../ticket.js";
import { accounts as accountHub, assessments as assessmentHub, stats } from "../live.js";
import { markInteractive } from "../budget.js";
import { EquityChart } from "../equity-chart.js";
import { WatchlistPanel } from "../watchlists.js";
import { AlertPanel } from "../alerts.js";
import { instruments, loadInstruments, onGap, onQuote, setFocus, spec as specOf, watch } from "../market.js";

const cents = x => Math.sign(x) * Math.round(Math.abs(x) * 100) / 100;

/** Unrealized P&L as the engine computes it (docs/trading.md): longs at the bid, shorts at the ask, to the cent. */
export function unrealized(position, quote) {
  if (!quote) return Number(position.unrealizedPnl);
  const q = Number(position.quantity), avg = Number(position.averageEntryPrice), m = Number(position.multiplier);
  return q > 0 ? cents((Number(quote.bid) - avg) * q * m) : cents((avg - Number(quote.ask)) * -q * m);
}

export async function tradeView(main, { args, navigate }) {
  await loadInstruments();
  const [assessmentList, paperList] = await Promise.all([get("/api/v1/assessments"), get("/api/v1/accounts")]);
  const choices = [
    ...assessmentList.filter(a => a.currentAccountId).map(a => ({ id: a.currentAccountId, assessmentId: a.id, label: `${a.planId} · ${a.status} · ${a.id.slice(4, 12)}` })),
    ...paperList.map(p => ({ id: p.id, label: `Paper $${money(p.initialBalance)} · ${p.id.slice(6, 14)}` })),
  ];
  const openPaper = h("button", { type: "button", onclick: async () => {
    const account = await post("/api/v1/accounts", { initialBalance: 100000 });
    navigate(`trade/${encodeURIComponent(account.id)}`);
  } }, "Open a paper account");

  const accountId = args[0] || (choices.some(c => c.id === sessionStorage.getItem("crucible.account")) ? sessionStorage.getItem("crucible.account") : choices[0]?.id);
  if (!accountId) {
    main.append(h("section.card.empty", {}, h("h1", {}, "No account yet"),
      h("p", {}, "Buy a challenge plan to trade its evaluation account, or open a paper account to practise."),
      h("p.actions", {}, h("a.button.primary", { href: "#/plans" }, "See the plans"), " ", openPaper)));
    return null;
  }
  sessionStorage.setItem("crucible.account", accountId);
  const choice = choices.find(c => c.id === accountId) ?? { id: accountId, label: accountId };
  const assessmentId = choice.assessmentId ?? /^(asm-.+)-a\d+-(p\d+|funded)$/.exec(accountId)?.[1] ?? null;

  let symbol = sessionStorage.getItem("crucible.symbol");
  if (!instruments.has(symbol)) symbol = instruments.has("BTC-USD") ? "BTC-USD" : [...instruments.keys()][0];
  let interval = sessionStorage.getItem("crucible.interval") ?? "1m";
  const cleanups = [];

  // --- account bar -------------------------------------------------------------------------------------------
  const picker = h("select#account-picker", { "aria-label": "Account", onchange: e => navigate(`trade/${encodeURIComponent(e.target.value)}`) },
    (choices.some(c => c.id === accountId) ? choices : [choice, ...choices]).map(c => h("option", { value: c.id, selected: c.id === accountId }, c.label)));
  const statusBadge = h("span.badge#assessment-status", { hidden: !assessmentId });
  const summary = h("dl.summary#account-summary");
  main.append(h("section.account-bar", {}, picker, statusBadge, openPaper, summary));

  const cards = assessmentId ? new ObjectiveCards(main) : null;

  // --- chart and ticket --------------------------------------------------------------------------------------
  const symbolPicker = h("select#symbol-picker", { "aria-label": "Instrument", onchange: e => { sessionStorage.setItem("crucible.symbol", e.target.value); rerender(); } },
    [...instruments.values()].map(s => h("option", { value: s.symbol, selected: s.symbol === symbol }, `${s.symbol} — ${s.name}`)));
  const intervals = ["1s", "1m"].map(i => h("button", { type: "button", "aria-pressed": String(i === interval), onclick: () => { sessionStorage.setItem("crucible.interval", i); rerender(); } }, i));
  const quoteLine = h("p.quote#quote-line", { "aria-live": "off" });
  const chartCard = h("section.card.chart-card", { "aria-label": "Chart" }, h("div.chart-head", {}, symbolPicker, h("span.intervals", {}, intervals), quoteLine));
  const workspace = h("div.workspace", {}, chartCard);
  main.append(workspace);
  const spec = specOf(symbol);
  const chart = new PriceChart(chartCard, spec, interval);
  cleanups.push(() => chart.remove());
  const ticket = orderTicket({ accountId, spec, onPlaced: order => { if (order.status === "rejected") toast(`Order rejected: ${words(order.rejectReason)}`); } });
  workspace.append(ticket);

  // --- blotter -----------------------------------------------------------------------------------------------
  const positionsBody = h("tbody");
  const ordersBody = h("tbody");
  const activity = h("ol.activity#activity");
  main.append(h("div.blotter", {},
    h("section.card", { "aria-labelledby": "positions-title" }, h("h2#positions-title", {}, "Positions"),
      h("div.scroll", {}, h("table.grid#positions", {}, h("thead", {}, h("tr", {}, ["Symbol", "Qty", "Avg entry", "Mark", "Unrealized P&L", "Realized", ""].map((t, i) => h(i && i < 6 ? "th.num" : "th", {}, t)))), positionsBody))),
    h("section.card", { "aria-labelledby": "orders-title" }, h("h2#orders-title", {}, "Working orders"),
      h("div.scroll", {}, h("table.grid#orders", {}, h("thead", {}, h("tr", {}, ["Order", "Symbol", "Side", "Type", "Qty", "Limit", "Stop", "TIF", "Status", ""].map(t => h("th", {}, t)))), ordersBody))),
    h("section.card", { "aria-labelledby": "activity-title" }, h("h2#activity-title", {}, "Activity"), activity)));

  // --- equity curve, watchlists, alerts ------------------------------------------------------------------------
  const insights = h("div.insights");
  main.append(insights);
  const equityChart = new EquityChart(insights, accountId);
  cleanups.push(() => equityChart.remove());
  // History first: the live floors and balances that follow extend it.
  await equityChart.load().catch(error => console.warn(`equity: ${error.message}`));
  cleanups.push(accountHub.on("Account", e => { if (e.accountId === accountId) equityChart.equity(e.account, e.time); }));
  // After a reconnect the minutes missed while away come back from REST (the first call is the load above).
  let equityFollowed = false;
  cleanups.push(await accountHub.follow(async () => {
    if (equityFollowed) await equityChart.load();
    equityFollowed = true;
  }));
  const selectSymbol = s => { sessionStorage.setItem("crucible.symbol", s); rerender(); };
  const side = h("div.side-panels");
  main.append(side);
  const watchlists = new WatchlistPanel(side, { onSelect: selectSymbol });
  const alerts = new AlertPanel(side, { symbol: () => symbol });
  cleanups.push(() => watchlists.dispose(), () => alerts.dispose());
  // For the page's readers and the browser tests: what the equity chart's lines hold.
  window.crucible.equityChart = equityChart;
  cleanups.push(() => { if (window.crucible.equityChart === equityChart) delete window.crucible.equityChart; });

  const feed = new AccountFeed(accountId, what => {
    if (what === "account" || what === "all") showSummary();
    if (what === "positions" || what === "all") showPositions();
    if (what === "orders" || what === "all") showOrders();
    if (what === "fills" || what === "all") { chart.fills(feed.fills); showActivity(); }
    if (what === "fills") refreshEvaluation();
  });
  // After a fill, ask for the phase's evaluation once (debounced) rather than wait for the next pushed update: in
  // practice the conflated Evaluation push has been seen to arrive only with the next tick.
  let evaluationTimer = 0;
  let refreshEvaluation = () => {};
  const ruleEvents = [];

  function showSummary() {
    const a = feed.account;
    if (!a) return;
    const item = (label, value, cls = "", key = label) => [h("dt", {}, label), h(`dd.${cls || "plain"}`, { dataset: { key } }, value)];
    fill(summary,
      item("Balance", money(a.balance), "", "balance"),
      item("Equity", money(a.equity), "", "equity"),
      item("Unrealized", money(a.unrealizedPnl, { signed: true }), tone(a.unrealizedPnl), "unrealized"),
      item("Realized", money(a.realizedPnl, { signed: true }), tone(a.realizedPnl), "realized"),
      item("Buying power", money(a.buyingPower), "", "buyingPower"));
  }

  function showPositions() {
    setFocus([symbol, ...feed.positions.keys()]);
    const rows = [...feed.positions.values()].map(p => {
      const s = specOf(p.symbol);
      const quote = s?.quote;
      const pnl = unrealized(p, quote);
      const mark = quote ? (Number(p.quantity) > 0 ? quote.bid : quote.ask) : p.markPrice;
      return h("tr", { dataset: { symbol: p.symbol } },
        h("td", {}, p.symbol), h("td.num", {}, quantity(p.quantity, s)), h("td.num", {}, price(p.averageEntryPrice, s)),
        h("td.num", { dataset: { field: "mark" } }, price(mark, s)),
        h(`td.num.${tone(pnl)}`, { dataset: { field: "unrealized", value: String(pnl) } }, money(pnl, { signed: true })),
        h("td.num", {}, money(p.realizedPnl, { signed: true })),
        h("td", {}, h("button.small", { type: "button", "aria-label": `Close ${p.symbol}`, onclick: async event => {
          event.target.disabled = true;
          try { await del(`/api/v1/accounts/${encodeURIComponent(accountId)}/positions/${encodeURIComponent(p.symbol)}`); }
          catch (error) { toast(`Close ${p.symbol}: ${error.message}`); event.target.disabled = false; }
        } }, "Close")));
    });
    fill(positionsBody, rows.length ? rows : h("tr.none", {}, h("td", { colSpan: 7 }, "No open positions.")));
  }

  function showOrders() {
    const orders = [...feed.orders.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    chart.orders(orders);
    const rows = orders.map(o => {
      const s = specOf(o.symbol);
      return h("tr", { dataset: { order: o.id, status: o.status } },
        h("td", {}, o.id, o.parentId ? h("small.muted", {}, ` leg of ${o.parentId}`) : null), h("td", {}, o.symbol), h("td", { class: o.side }, o.side),
        h("td", {}, words(o.type) + (o.class !== "simple" ? ` · ${o.class}` : "")),
        h("td.num", {}, `${quantity(o.filledQuantity, s)} / ${quantity(o.quantity, s)}`),
        h("td.num", {}, price(o.limitPrice, s)), h("td.num", {}, o.stopPrice != null ? price(o.stopPrice, s) : o.trailAmount != null ? `trail ${price(o.trailAmount, s)}` : o.trailPercent != null ? `trail ${o.trailPercent} %` : "—"),
        h("td", {}, o.timeInForce), h("td", {}, words(o.status)),
        h("td.actions", {},
          o.status === "accepted" && Number(o.filledQuantity) === 0 && o.type !== "market"
            ? h("button.small", { type: "button", "aria-label": `Replace ${o.id}`, onclick: () => replaceForm(o) }, "Replace") : null,
          " ",
          h("button.small", { type: "button", "aria-label": `Cancel ${o.id}`, onclick: async event => {
            event.target.disabled = true;
            try { await del(`/api/v1/accounts/${encodeURIComponent(accountId)}/orders/${encodeURIComponent(o.id)}`); }
            catch (error) { toast(`Cancel ${o.id}: ${error.message}`); event.target.disabled = false; }
          } }, "Cancel")));
    });
    fill(ordersBody, rows.length ? rows : h("tr.none", {}, h("td", { colSpan: 10 }, "No working orders.")));
  }

  /** Cancel-and-replace of a working order's quantity and price (PATCH; the server answers with the new order). */
  function replaceForm(o) {
    ordersBody.querySelector("tr.replace")?.remove();
    const s = specOf(o.symbol);
    const quantityInput = h("input", { type: "number", step: String(s.lotSize), min: "0", value: String(o.quantity) });
    const priceName = o.limitPrice != null ? "limitPrice" : o.stopPrice != null ? "stopPrice" : null;
    const priceInput = priceName ? h("input", { type: "number", step: String(s.tickSize), min: "0", value: String(o[priceName]) }) : null;
    const form = h("form.replace-form", { "aria-label": `Replace ${o.id}`, novalidate: true, onsubmit: async event => {
      event.preventDefault();
      const body = { quantity: quantityInput.value.trim() };
      if (priceName) body[priceName] = priceInput.value.trim();
      try {
        await patch(`/api/v1/accounts/${encodeURIComponent(accountId)}/orders/${encodeURIComponent(o.id)}`, body);
        row.remove();
      } catch (error) { showErrors(form, error); }
    } },
      field("quantity", "New quantity", quantityInput),
      priceName ? field(priceName, priceName === "limitPrice" ? "New limit price" : "New stop price", priceInput) : null,
      h("p.form-error", { role: "alert" }),
      h("button.primary", { type: "submit" }, "Replace order"), " ",
      h("button", { type: "button", onclick: () => row.remove() }, "Keep"));
    const row = h("tr.replace", {}, h("td", { colSpan: 10 }, form));
    ordersBody.querySelector(`tr[data-order="${CSS.escape(o.id)}"]`)?.after(row);
    quantityInput.focus();
  }

  function showActivity() {
    const items = [
      ...feed.fills.map(f => ({ time: f.time, kind: "fill", text: `${f.side} ${quantity(f.quantity, specOf(f.symbol))} ${f.symbol} @ ${price(f.price, specOf(f.symbol))}` +
        (Number(f.realizedPnl) ? ` · realized ${money(f.realizedPnl, { signed: true })}` : "") + ` · commission ${money(f.commission)}` })),
      ...ruleEvents.map(e => ({ time: e.time, kind: e.kind, text: `${words(e.kind)} · ${words(e.rule)}: ${e.message}` +
        (e.symbol ? ` (${e.symbol}${e.bid != null ? ` ${e.bid}/${e.ask}` : ""}${e.quoteSequence != null ? `, tick #${e.quoteSequence}` : ""})` : "") })),
    ].sort((a, b) => b.time.localeCompare(a.time)).slice(0, 100);
    fill(activity, items.length ? items.map(i => h("li", { dataset: { kind: i.kind } }, h("time", {}, clock(i.time)), " ", i.text)) : h("li.muted", {}, "No fills yet."));
  }

  function showQuote(quote) {
    fill(quoteLine, h("span", {}, "bid ", h("b", { dataset: { field: "bid" } }, price(quote.bid, spec))), " ",
      h("span", {}, "ask ", h("b", { dataset: { field: "ask" } }, price(quote.ask, spec))), " ",
      h("span.muted", { dataset: { sequence: quote.sequence } }, `#${quote.sequence} · ${clock(quote.time)}`));
    // Every quote drawn, in order, for readers and the page-budget test (the last 1,000).
    if (stats.shown.symbol !== quote.symbol) stats.shown = { symbol: quote.symbol, sequences: [] };
    stats.shown.sequences.push(quote.sequence);
    if (stats.shown.sequences.length > 1000) stats.shown.sequences.shift();
    markInteractive();
  }

  cleanups.push(onQuote((quote) => {
    if (quote.symbol === symbol) { chart.quote(quote); showQuote(quote); }
    if (feed.positions.has(quote.symbol)) updatePositionRow(quote);
  }));
  // A gap or a reconnect: the bars the chart built from quotes may miss ticks, so reload them from REST.
  cleanups.push(onGap(s => { if (s === symbol) chart.load().then(() => chart.fills(feed.fills)).catch(() => {}); }));

  function updatePositionRow(quote) {
    const p = feed.positions.get(quote.symbol);
    const row = positionsBody.querySelector(`tr[data-symbol="${CSS.escape(quote.symbol)}"]`);
    if (!p || !row) return;
    const s = specOf(quote.symbol);
    const pnl = unrealized(p, quote);
    row.querySelector('[data-field="mark"]').textContent = price(Number(p.quantity) > 0 ? quote.bid : quote.ask, s);
    const cell = row.querySelector('[data-field="unrealized"]');
    cell.textContent = money(pnl, { signed: true });
    cell.dataset.value = String(pnl);
    cell.className = `num ${tone(pnl)}`;
  }

  // --- assessment: status and objective cards, live ------------------------------------------------------------
  let assessmentSequence = 0;
  async function showAssessment(assessment) {
    statusBadge.textContent = `${assessment.planName ?? assessment.planId} · ${words(assessment.status)}`;
    statusBadge.dataset.status = assessment.status;
    if (assessment.currentAccountId && assessment.currentAccountId !== accountId && ["active", "funded"].includes(assessment.status)) {
      toast("A new phase started on a new account.");
      navigate(`trade/${encodeURIComponent(assessment.currentAccountId)}`);
    }
  }
  if (assessmentId) {
    const full = await get(`/api/v1/assessments/${encodeURIComponent(assessmentId)}`);
    const plan = await get(`/api/v1/plans/${encodeURIComponent(full.planId)}`).catch(() => null);
    const phase = plan ? (full.phaseIndex < plan.phases.length ? plan.phases[full.phaseIndex] : plan.funded) : null;
    const zone = phase?.timeZone;
    const onAssessmentEvent = async e => {
      if (e.assessmentId !== assessmentId || e.sequence <= assessmentSequence) return;
      // Any status, phase or extension event: reread the assessment from REST, which is at least as new.
      assessmentSequence = e.sequence;
      await showAssessment(await get(`/api/v1/assessments/${encodeURIComponent(assessmentId)}`));
    };
    for (const name of ["StatusChanged", "PhaseStarted", "Extended", "Created"]) cleanups.push(assessmentHub.on(name, onAssessmentEvent));
    cleanups.push(assessmentHub.on("Evaluation", e => { if (e.accountId === accountId) { cards.show(e.evaluation, zone); equityChart.floors(e.evaluation, e.time); } }));
    cleanups.push(assessmentHub.on("RuleEvent", e => { if (e.accountId === accountId) { ruleEvents.push(e.event); showActivity(); } }));
    refreshEvaluation = () => {
      clearTimeout(evaluationTimer);
      evaluationTimer = setTimeout(async () => {
        const answer = await assessmentHub.invoke("Subscribe", assessmentId).catch(() => null);
        if (answer?.evaluation) { cards.show(answer.evaluation, zone); equityChart.floors(answer.evaluation); }
      }, 300);
    };
    cleanups.push(() => clearTimeout(evaluationTimer));
    showAssessment(full);
    assessmentHub.hold(assessmentId);
    cleanups.push(await assessmentHub.follow(async () => {
      const answer = await assessmentHub.invoke("Subscribe", assessmentId);
      assessmentSequence = answer.sequence;
      await showAssessment(answer.assessment);
      cards.show(answer.evaluation, zone);
      equityChart.floors(answer.evaluation);
    }));
    cleanups.push(() => { cards.remove(); assessmentHub.release(assessmentId, "Unsubscribe", assessmentId); });
  }

  function rerender() {
    const target = `#/trade/${encodeURIComponent(accountId)}`;
    if (location.hash === target) window.dispatchEvent(new HashChangeEvent("hashchange")); else location.hash = target;
  }

  setFocus([symbol]);
  cleanups.push(() => setFocus([]));
  await chart.load();
  if (spec.quote) { showQuote(spec.quote); ticket.prefill(spec.quote); }
  await watchlists.reload();
  await feed.start();
  chart.fills(feed.fills);
  if (feed.account) equityChart.equity(feed.account);
  await alerts.start();
  await watch([...instruments.keys()]);
  // Loaded and subscribed: from here every quote and account event reaches the screen (the browser tests wait for it).
  main.dataset.account = accountId;
  markInteractive();
  return async () => {
    cleanups.forEach(c => c());
    await feed.stop();
  };
}
