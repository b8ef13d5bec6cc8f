// Numbers as a trader reads them: prices on the instrument's tick grid, money in cents, times in the user's zone.

/** Decimal places of a step such as 0.25 → 2, 0.00001 → 5, 1 → 0 (also for 1e-5 as JavaScript prints it). */
export function decimalsOf(step) {
  const n = Number(step);
  if (!Number.isFinite(n) || n <= 0) return 2;
  for (let d = 0; d <= 10; d++) if (Math.abs(Math.round(n * 10 ** d) - n * 10 ** d) < 1e-9) return d;
  return 10;
}

const grouped = (value, digits) =>
  Number(value).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A price on the instrument's tick grid ("—" when missing). */
export const price = (value, spec) =>
  value === null || value === undefined ? "—" : grouped(value, decimalsOf(spec?.tickSize ?? 0.01));

/** A quantity on the instrument's lot grid. */
export const quantity = (value, spec) =>
  value === null || value === undefined ? "—" : grouped(value, decimalsOf(spec?.lotSize ?? 1));

/** Money in the account's currency, to the cent, signed when asked. */
export function money(value, { signed = false } = {}) {
  if (value === null || value === undefined) return "—";
  const n = Number(value);
  const text = grouped(Math.abs(n), 2);
  return (n < 0 ? "−" : signed && n > 0 ? "+" : "") + text;
}

export const percent = (value, digits = 2) =>
  value === null || value === undefined ? "—" : `${Number(value).toFixed(digits)} %`;

/** CSS class for a signed amount. */
export const tone = value => (Number(value) > 0 ? "up" : Number(value) < 0 ? "down" : "flat");

/** Time of day in the user's zone. */
export const clock = time => new Date(time).toLocaleTimeString(undefined, { hour12: false });

/** Date and time in the user's zone. */
export const dateTime = time => new Date(time).toLocaleString(undefined, { hour12: false });

/** Date and time in a named zone (a plan's), e.g. for the daily reset. */
export const inZone = (time, timeZone) =>
  new Date(time).toLocaleString(undefined, { timeZone, hour12: false, dateStyle: "medium", timeStyle: "short" }) + ` (${timeZone})`;

/** "3 h 12 min" until a time. */
export function countdown(time, now = Date.now()) {
  let s = Math.max(0, Math.round((new Date(time).getTime() - now) / 1000));
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** snake_case or camelCase → words. */
export const words = text => String(text ?? "").replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
