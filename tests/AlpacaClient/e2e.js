// Alpaca's own Node SDK, unmodified, trading against a Crucible host. Driven by
// tests/Api.Tests/Alpaca/AlpacaClientEndToEndTests.cs, which starts the host, makes the users, keys and quotes, and
// passes them in the environment. Prints one JSON summary line on success; exits 1 with the reason otherwise.
"use strict";
const { trading, streaming, orders, ApiError } = require("@alpacahq/alpaca-trade-api");

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const base = env("CRUCIBLE_URL").replace(/\/+$/, "");
const symbol = env("CRUCIBLE_SYMBOL");

function apis(keyId, secret) {
  // basePath is the SDK's documented override of its paper/live host.
  const config = new trading.Configuration({ basePath: base, keyId, secret });
  return {
    account: new trading.AccountsApi(config),
    orders: new trading.OrdersApi(config),
    positions: new trading.PositionsApi(config),
  };
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function within(ms, what, promise) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  const keyId = env("APCA_KEY_ID");
  const secret = env("APCA_SECRET");
  const paper = apis(keyId, secret);
  const summary = {};

  // 1. The account.
  const account = await paper.account.getAccount();
  summary.account = { id: account.id, status: account.status, equity: account.equity, buyingPower: account.buyingPower };
  check(account.status === "ACTIVE", `account status ${account.status}`);

  // 2. The trade_updates stream, opened before the order so its fill is heard.
  const updates = [];
  const waiters = [];
  const stream = new streaming.TradingStream({ url: base.replace(/^http/, "ws") + "/stream", credentials: { keyId, secret } });
  stream.onTradeUpdate((u) => {
    updates.push(u);
    for (const w of waiters.slice()) if (w.match(u)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(u); }
  });
  const listening = new Promise((resolve) => stream.on("subscription", resolve));
  stream.onConnect(() => stream.subscribeTradeUpdates());
  stream.connect();
  const auth = await within(10000, "stream authentication", stream.whenAuthenticated());
  check(auth.authenticated, `stream authentication: ${JSON.stringify(auth)}`);
  summary.listening = await within(10000, "the listening reply", listening);
  const next = (match) => {
    const seen = updates.find(match);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
  };

  // 3. A market bracket: entry, take-profit above, stop-loss below.
  const entryPrice = Number(env("CRUCIBLE_ASK"));
  const bracket = await paper.orders.postOrder({
    postOrderRequest: orders.buildBracketOrder({
      symbol, qty: 1, side: "buy", timeInForce: "gtc",
      takeProfit: { limitPrice: String(entryPrice + 100) },
      stopLoss: { stopPrice: String(entryPrice - 100) },
      clientOrderId: `e2e-${Date.now()}`,
    }),
  });
  check(bracket.orderClass === "bracket", `order_class ${bracket.orderClass}`);
  check((bracket.legs || []).length === 2, `legs ${JSON.stringify(bracket.legs)}`);
  summary.bracket = { id: bracket.id, status: bracket.status, legs: bracket.legs.map((l) => ({ type: l.type, status: l.status })) };

  // 4. Its fill, on trade_updates.
  const fill = await within(15000, "the entry's fill", next((u) => u.event === "fill" && u.order.id === bracket.id));
  summary.fill = { price: fill.price, qty: fill.qty, positionQty: fill.positionQty, executionId: fill.executionId, orderStatus: fill.order.status };
  check(fill.qty === "1" && fill.positionQty === "1", `fill ${JSON.stringify(summary.fill)}`);

  // 5. Positions.
  const positions = await paper.positions.getAllOpenPositions();
  summary.positions = positions.map((p) => ({ symbol: p.symbol, qty: p.qty, side: p.side, avgEntryPrice: p.avgEntryPrice }));
  check(positions.length === 1 && positions[0].qty === "1", `positions ${JSON.stringify(summary.positions)}`);

  // 6. Close them all (canceling the bracket's exits first), and hear the closing fill.
  const closed = await paper.positions.deleteAllOpenPositions({ cancelOrders: true });
  summary.closed = closed.map((c) => ({ symbol: c.symbol, status: c.status }));
  const closing = await within(15000, "the closing fill", next((u) => u.event === "fill" && u.order.side === "sell"));
  summary.closingFill = { price: closing.price, qty: closing.qty, positionQty: closing.positionQty };
  check(closing.positionQty === "0", `closing fill ${JSON.stringify(summary.closingFill)}`);
  const after = await paper.positions.getAllOpenPositions();
  check(after.length === 0, `positions after close ${JSON.stringify(after)}`);
  stream.disconnect();

  // 7. On an assessment account, a challenge rule refuses the order: an Alpaca error the SDK types.
  const assessment = apis(env("APCA_ASSESSMENT_KEY_ID"), env("APCA_ASSESSMENT_SECRET"));
  try {
    await assessment.orders.postOrder({
      postOrderRequest: orders.buildMarketOrder({ symbol, qty: Number(env("CRUCIBLE_REFUSED_QTY")), side: "buy", timeInForce: "day" }),
    });
    throw new Error("the assessment account took an order its plan forbids");
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    summary.refusal = { name: err.name, status: err.status, code: err.code, message: err.message };
  }

  console.log(JSON.stringify(summary));
}

main().then(
  () => process.exit(0),
  (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exit(1); },
);
