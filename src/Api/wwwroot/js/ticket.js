// The order ticket: every order type, time in force and a bracket, with quantity and price steps from the
// instrument's lot and tick size. The server validates; its ProblemDetails land next to the field it names.
import { post } from "./api.js";
import { h } from "./dom.js";
import { field, showErrors, clearErrors } from "./forms.js";
import { decimalsOf, price } from "./format.js";

const TYPES = [["market", "Market"], ["limit", "Limit"], ["stop", "Stop"], ["stop_limit", "Stop limit"], ["trailing_stop", "Trailing stop"]];
const TIFS = [["day", "Day"], ["gtc", "Good till canceled"], ["ioc", "Immediate or cancel"], ["fok", "Fill or kill"]];
// Which price fields each type takes (docs/trading.md "Orders").
const NEEDS = { market: [], limit: ["limitPrice"], stop: ["stopPrice"], stop_limit: ["stopPrice", "limitPrice"], trailing_stop: ["trail"] };

export function orderTicket({ accountId, spec, onPlaced }) {
  const num = (step, extra = {}) => h("input", { type: "number", inputMode: "decimal", step: String(step), min: "0", ...extra });
  const tick = spec.tickSize;
  const inputs = {
    side: h("select", {}, h("option", { value: "buy" }, "Buy"), h("option", { value: "sell" }, "Sell")),
    type: h("select", {}, TYPES.map(([v, t]) => h("option", { value: v }, t))),
    quantity: num(spec.lotSize, { min: String(spec.lotSize), value: String(spec.lotSize), required: true }),
    limitPrice: num(tick),
    stopPrice: num(tick),
    trailAmount: num(tick),
    trailPercent: num(0.1, { max: "99.9" }),
    timeInForce: h("select", {}, TIFS.map(([v, t]) => h("option", { value: v }, t))),
    bracket: h("input", { type: "checkbox" }),
    tp: num(tick),
    sl: num(tick),
    slLimit: num(tick),
  };
  const rows = {
    limitPrice: field("limitPrice", "Limit price", inputs.limitPrice),
    stopPrice: field("stopPrice", "Stop price", inputs.stopPrice),
    trail: h("div.pair", {}, field("trailAmount", "Trail amount", inputs.trailAmount), field("trailPercent", "or trail %", inputs.trailPercent)),
  };
  const bracketRows = h("fieldset.bracket", {}, h("legend", {}, "Bracket exits"),
    field("takeProfit.limitPrice", "Take profit (limit)", inputs.tp),
    field("stopLoss.stopPrice", "Stop loss (stop)", inputs.sl),
    field("stopLoss.limitPrice", "Stop loss limit (optional)", inputs.slLimit));
  const submit = h("button.primary", { type: "submit" }, "Place order");
  const hint = h("small.hint", {}, `Lot ${spec.lotSize} · tick ${spec.tickSize}${Number(spec.multiplier) !== 1 ? ` · ×${spec.multiplier}` : ""}`);

  function layout() {
    const needs = NEEDS[inputs.type.value];
    for (const [name, row] of Object.entries(rows)) row.hidden = !needs.includes(name);
    bracketRows.hidden = !inputs.bracket.checked;
    submit.textContent = `${inputs.side.value === "buy" ? "Buy" : "Sell"} ${spec.symbol}`;
    submit.className = `primary ${inputs.side.value}`;
  }
  inputs.type.addEventListener("change", layout);
  inputs.side.addEventListener("change", layout);
  inputs.bracket.addEventListener("change", layout);

  // Values go to the server as strings, exactly as typed: decimals are never rounded through a float.
  const value = input => input.value.trim();
  function request() {
    const type = inputs.type.value;
    const body = { symbol: spec.symbol, side: inputs.side.value, type, quantity: value(inputs.quantity), timeInForce: inputs.timeInForce.value };
    const needs = NEEDS[type];
    if (needs.includes("limitPrice")) body.limitPrice = value(inputs.limitPrice);
    if (needs.includes("stopPrice")) body.stopPrice = value(inputs.stopPrice);
    if (needs.includes("trail")) {
      if (value(inputs.trailAmount)) body.trailAmount = value(inputs.trailAmount);
      else body.trailPercent = value(inputs.trailPercent);
    }
    if (inputs.bracket.checked) {
      body.orderClass = "bracket";
      body.takeProfit = { limitPrice: value(inputs.tp) };
      body.stopLoss = { stopPrice: value(inputs.sl) };
      if (value(inputs.slLimit)) body.stopLoss.limitPrice = value(inputs.slLimit);
    }
    // An empty field is left for the server to name ("is required"), not sent as "".
    for (const [k, v] of Object.entries(body)) if (v === "") delete body[k];
    return body;
  }

  const status = h("p.ticket-status", { role: "status" });
  const form = h("form.card.ticket", { "aria-label": "Order ticket", novalidate: true, onsubmit: async event => {
    event.preventDefault();
    clearErrors(form);
    status.textContent = "";
    submit.disabled = true;
    try {
      const order = await post(`/api/v1/accounts/${encodeURIComponent(accountId)}/orders`, request());
      status.textContent = `${order.id} ${order.status.replace("_", " ")}` + (order.averageFillPrice != null ? ` at ${price(order.averageFillPrice, spec)}` : "");
      onPlaced?.(order);
    } catch (error) {
      showErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  } },
    h("h2", {}, "Order ticket"),
    h("div.pair", {}, field("side", "Side", inputs.side), field("type", "Type", inputs.type)),
    field("quantity", "Quantity", inputs.quantity),
    rows.limitPrice, rows.stopPrice, rows.trail,
    field("timeInForce", "Time in force", inputs.timeInForce),
    h("label.check", {}, inputs.bracket, " Bracket: take profit and stop loss"),
    bracketRows,
    h("p.form-error", { role: "alert" }),
    submit, hint, status);
  layout();

  /** Pre-fills the price fields from a quote, on the tick grid. */
  form.prefill = quote => {
    const digits = decimalsOf(tick);
    const step = Number(tick);
    const mid = (Math.round((Number(quote.bid) + Number(quote.ask)) / 2 / step) * step).toFixed(digits);
    for (const input of [inputs.limitPrice, inputs.stopPrice]) if (!input.value) input.value = mid;
  };
  return form;
}
