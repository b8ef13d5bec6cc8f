// A plan's rules in plain words (the semantics are docs/rules.md's; the numbers are the plan's, in dollars).
import { money } from "./format.js";

const usd = amount => `$${money(amount)}`;

function dailyLoss(rule, phase, size) {
  const limit = rule.basis === "amount" ? usd(rule.limit)
    : rule.basis === "percent_of_initial" ? `${rule.limit} % of the account (${usd(size * rule.limit / 100)})`
      : `${rule.limit} % of the day's anchor`;
  const anchor = { balance: "the day's starting balance", equity: "the day's starting equity",
    max: "the larger of the day's starting balance and equity", day_pnl: "zero day P&L" }[rule.anchor] ?? rule.anchor;
  const what = rule.anchor === "day_pnl" ? `The day's profit and loss may not fall more than ${limit} below ${anchor}`
    : `Equity may not fall more than ${limit} below ${anchor}`;
  const then = rule.severity === "soft" ? "a breach closes your positions and blocks trading until the next day" : "a breach fails the attempt";
  return `${what}; the day starts at ${phase.resetTime.slice(0, 5)} ${phase.timeZone}; ${then}.`;
}

function overallLoss(rule, size) {
  const lock = rule.lock === "initial" ? `; the floor stops rising once it reaches the starting balance (${usd(size)})`
    : rule.lock === "initial_plus_offset" ? `; the floor stops rising at the starting balance plus ${usd(rule.lockOffset)} (${usd(size + rule.lockOffset)})` : "";
  switch (rule.mode) {
    case "static": return `Equity may never fall below ${usd(size - rule.amount)} (the starting balance less ${usd(rule.amount)}).`;
    case "trailing_intraday": return `Equity may never fall more than ${usd(rule.amount)} below its highest value so far, checked on every tick${lock}.`;
    case "trailing_end_of_day": return `Equity may never fall more than ${usd(rule.amount)} below the highest end-of-day balance; the floor moves only at the day's close${lock}.`;
    case "trailing_closed_balance": return `Equity may never fall more than ${usd(rule.amount)} below the highest closed balance${lock}.`;
    default: return `Overall loss limit ${usd(rule.amount)} (${rule.mode.replace(/_/g, " ")})${lock}.`;
  }
}

/** One sentence per rule of a phase. */
export function phaseRules(phase, size) {
  const rules = [];
  if (phase.profitTarget != null) rules.push(`Reach a closed profit of ${usd(phase.profitTarget)} (${(phase.profitTarget / size * 100).toFixed(1)} % of the account).`);
  if (phase.dailyLoss) rules.push(dailyLoss(phase.dailyLoss, phase, size));
  if (phase.overallLoss) rules.push(overallLoss(phase.overallLoss, size));
  if (phase.breachWhen === "at_or_below" && (phase.dailyLoss || phase.overallLoss)) rules.push("Touching a loss floor counts as breaching it.");
  if (phase.minTradingDays) rules.push(`Trade on at least ${phase.minTradingDays} different days` +
    (phase.tradingDayMinProfitPercent ? ` (a day counts when it makes at least ${phase.tradingDayMinProfitPercent} % of the account).` : "."));
  if (phase.minTrades) rules.push(`Make at least ${phase.minTrades} trades.`);
  if (phase.consistency) rules.push(`Your best day may make at most ${phase.consistency.maxBestDayShare * 100} % of the total profit` +
    (phase.consistency.mode === "raises_target" ? " (otherwise the target rises)." : " before you can pass."));
  if (phase.timeLimitDays) rules.push(`Finish within ${phase.timeLimitDays} days.`);
  if (phase.inactivityDays) rules.push(`Trade at least once every ${phase.inactivityDays} days.`);
  const l = phase.limits ?? {};
  if (l.requireStopLoss) rules.push("Every order that opens a position needs a stop-loss.");
  if (l.maxRiskPerTradePercent) rules.push(`Risk at most ${l.maxRiskPerTradePercent} % of ${l.riskBasis ?? "equity"} per trade (to the stop-loss).`);
  if (l.maxContracts) rules.push(`At most ${l.maxContracts} contracts per futures instrument` + (l.microContractWeight !== 1 ? ` (a micro counts ${l.microContractWeight}).` : "."));
  if (l.maxContractsTotal) rules.push(`At most ${l.maxContractsTotal} futures contracts in total.`);
  if (l.maxLeverage) rules.push(`Leverage at most ${l.maxLeverage}×.`);
  if (l.newsBlackoutMinutes) rules.push(`No new orders within ${l.newsBlackoutMinutes} minutes of listed news.`);
  if (phase.flatByTime) rules.push(`Be flat by ${phase.flatByTime.slice(0, 5)} ${phase.timeZone} every day.`);
  if (phase.flatForWeekend) rules.push("Be flat over the weekend.");
  return rules;
}
