// Pass, fail, reset or extend an assessment with a reason (the server requires one: docs/assessments.md "Who may do
// what"). Nothing is checked here first: the server's ProblemDetails is shown next to the field it names (reason, days),
// and a refusal that names no field here (409 invalid_transition, 403 not_evaluator) under the form.
import { post } from "../api.js";
import { h, toast } from "../dom.js";
import { field, showErrors, clearErrors } from "../forms.js";

const ACTIONS = [
  ["pass", "Pass", "Passes the current phase: the next phase, funded or passed follows."],
  ["fail", "Fail", "Fails the running attempt; the book flattens it."],
  ["reset", "Reset", "A new attempt from phase 1 on a new account; history is kept."],
  ["extend", "Extend", "Moves the phase's time limit later by the days given."],
];

export function decisionForm(assessmentId, onDecided) {
  const reason = h("textarea", { rows: 3, maxLength: 1000, placeholder: "Why: the evidence, the rule, the appeal…" });
  const days = h("input", { type: "number", min: "1", max: "365", step: "1", inputMode: "numeric" });
  const status = h("p.decision-status.muted", { role: "status", "aria-live": "polite" });
  const buttons = ACTIONS.map(([action, label, hint]) =>
    h(`button.decide.${action}`, { type: "submit", value: action, title: hint, dataset: { action } }, label));
  const form = h("form.card.decision#decision", { "aria-label": "Decision", novalidate: true, onsubmit: async event => {
    event.preventDefault();
    const action = event.submitter?.value ?? "fail";
    clearErrors(form);
    status.textContent = "";
    const body = { reason: reason.value };
    if (action === "extend" && days.value.trim()) body.days = days.value.trim();
    buttons.forEach(b => { b.disabled = true; });
    try {
      const assessment = await post(`/api/v1/assessments/${encodeURIComponent(assessmentId)}/${action}`, body);
      reason.value = "";
      days.value = "";
      status.textContent = `${action} recorded: the assessment is ${assessment.status}.`;
      toast(`${action}: ${assessment.status}`);
      await onDecided(assessment);
    } catch (error) {
      showErrors(form, error);
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  } },
    h("h2", {}, "Decision"),
    field("reason", "Reason (required, kept in the history)", reason),
    field("days", "Days to extend (extend only)", days),
    h("p.form-error", { role: "alert" }),
    h("div.decide-buttons", {}, buttons),
    status);
  return form;
}
