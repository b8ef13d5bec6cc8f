// Form helpers: labelled fields whose server errors (ProblemDetails `field` / `errors`) show next to the field.
import { h } from "./dom.js";

/** A labelled input; the error element sits right under it, tied to it by aria-describedby. */
let fields = 0;

export function field(name, label, input, hint) {
  // Unique per element: several forms on a page (one per plan) have fields of the same name.
  const id = `f-${name.replace(/\W/g, "-")}-${++fields}`;
  input.id = id;
  input.name = name;
  const error = h("span.field-error", { id: `${id}-error`, dataset: { errorFor: name }, "aria-live": "polite" });
  input.setAttribute("aria-describedby", `${id}-error`);
  return h("div.field", { dataset: { field: name } }, h("label", { for: id }, label), input, hint ? h("small.hint", {}, hint) : null, error);
}

/** Clears a form's field errors and its general error. */
export function clearErrors(form) {
  form.querySelectorAll(".field-error").forEach(el => { el.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach(el => el.removeAttribute("aria-invalid"));
  const general = form.querySelector(".form-error");
  if (general) general.textContent = "";
}

/**
 * Shows an ApiError on a form: each field the server named gets its message next to it (nested names such as
 * takeProfit.limitPrice included); whatever names no field here goes to the form's general error line.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const messages = { ...error.errors };
  if (error.field && !messages[error.field]) messages[error.field] = [error.message.replace(new RegExp(`^${error.field}: `), "")];
  const unplaced = [];
  for (const [name, list] of Object.entries(messages)) {
    const target = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    const text = [].concat(list).join(" ");
    if (target) {
      target.textContent = text;
      form.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute("aria-invalid", "true");
    } else unplaced.push(`${name}: ${text}`);
  }
  const general = form.querySelector(".form-error");
  if (general) general.textContent = Object.keys(messages).length === 0 ? error.message : unplaced.join(" · ");
  const first = form.querySelector("[aria-invalid]");
  first?.focus();
}
