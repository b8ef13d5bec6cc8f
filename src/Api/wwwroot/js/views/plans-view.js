// The plan catalogue: each plan's phases with their rules in plain words, and purchase with a simulated card.
import { currentUser, get, post } from "../api.js";
import { h } from "../dom.js";
import { money } from "../format.js";
import { field, showErrors, clearErrors } from "../forms.js";
import { phaseRules } from "../plan-words.js";

const CARDS = [
  ["tok_visa", "Visa ending 4242 (approved)"],
  ["tok_mastercard", "Mastercard (approved)"],
  ["tok_decline", "Card that is declined"],
  ["tok_insufficient_funds", "Card with insufficient funds"],
  ["tok_expired_card", "Expired card"],
];

export async function plansView(main, { navigate }) {
  const plans = await get("/api/v1/plans");
  main.append(h("h1", {}, "Challenge plans"),
    h("p.muted", {}, "Payments are simulated: no money moves. Every rule is checked on every tick and fill."),
    h("div.plans", {}, plans.map(plan => planCard(plan, navigate))));
}

function planCard(plan, navigate) {
  const stages = [...plan.phases.map((p, i) => ({ p, title: `Phase ${i + 1}: ${p.name}` })),
    ...(plan.funded ? [{ p: plan.funded, title: `Funded: ${plan.funded.name}` }] : [])];
  const card = h("select", {}, CARDS.map(([value, label]) => h("option", { value }, label)));
  const buy = h("button.primary", { type: "submit" }, `Buy for $${money(plan.price)}`);
  const form = h("form.buy", { onsubmit: async event => {
    event.preventDefault();
    if (!currentUser()) { sessionStorage.setItem("crucible.after", "#/plans"); navigate("signin"); return; }
    clearErrors(form);
    buy.disabled = true;
    try {
      const assessment = await post("/api/v1/assessments", { planId: plan.id, paymentToken: card.value });
      navigate(`trade/${encodeURIComponent(assessment.currentAccountId ?? "")}`);
    } catch (error) {
      showErrors(form, error);
    } finally {
      buy.disabled = false;
    }
  } }, field("paymentToken", "Card", card), h("p.form-error", { role: "alert" }), buy);
  return h("article.card.plan", { dataset: { plan: plan.id } },
    h("header", {}, h("h2", {}, plan.name), h("p.size", {}, `$${money(plan.accountSize)} account`)),
    stages.map(({ p, title }) => h("section", {}, h("h3", {}, title), h("ul.rules", {}, phaseRules(p, plan.accountSize).map(r => h("li", {}, r))))),
    form);
}
