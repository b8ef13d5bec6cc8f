// The evaluator console's shell: header, hash routes, sign-in, and the role gate. Only users with the evaluator or
// admin role get past the gate; everyone else is told plainly (the API answers them 403 on decisions anyway).
import { currentUser, onSessionChange, resume, signOut } from "../api.js";
import { h, fill, $ } from "../dom.js";
import { onState, stats, stopPrivate } from "../live.js";
import { loadInstruments } from "../market.js";
import { authView } from "../views/auth-view.js";
import { assessmentsView } from "./assessments-view.js";
import { auditView } from "./audit-view.js";
import { leaderboardView } from "./leaderboard-view.js";

const routes = {
  "signin": { view: authView("signin"), public: true },
  "assessments": { view: assessmentsView, nav: "Assessments" },
  "audit": { view: auditView },
  "leaderboard": { view: leaderboardView, nav: "Leaderboard" },
};

/** The evaluator and admin roles may use the console (docs/identity.md "Roles"). */
export const isEvaluator = user => (user?.roles ?? []).some(r => r === "evaluator" || r === "admin");

let teardown = null;
let rendering = 0;

export function navigate(route) { location.hash = `#/${route}`; }

/** "#/assessments?status=failed" → ["assessments", [], URLSearchParams]; "#/audit/asm-1" → ["audit", ["asm-1"], …]. */
function parseHash() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const [name, ...rest] = path.split("/");
  return { name, args: rest.map(decodeURIComponent), query: new URLSearchParams(query) };
}

async function render() {
  const { name, args, query } = parseHash();
  const route = routes[name] ?? null;
  const user = currentUser();
  if (!route) { navigate(user ? "assessments" : "signin"); return; }
  if (!route.public && !user) {
    // After sign-in the shared form goes back to where the evaluator was headed.
    sessionStorage.setItem("crucible.after", location.hash);
    navigate("signin");
    return;
  }
  const mine = ++rendering;
  const previous = teardown;
  teardown = null;
  await previous?.();
  if (mine !== rendering) return;
  renderNav(name);
  const container = h("div.view");
  $("#main").replaceChildren(container);
  if (!route.public && !isEvaluator(user)) { notAllowed(container, user); return; }
  try {
    const done = await route.view(container, { args, query, navigate });
    if (mine === rendering) teardown = done; else await done?.();
  } catch (error) {
    console.error(error);
    fill(container, h("p.error", { role: "alert" }, `Could not show this page: ${error.message}`));
  }
}

function notAllowed(container, user) {
  container.append(h("section.card.not-allowed", { role: "alert", dataset: { notAllowed: "true" } },
    h("h1", {}, "Not allowed"),
    h("p", {}, `The evaluator console is for users with the evaluator or admin role. You are signed in as ${user.email}, `,
      `whose roles are: ${(user.roles ?? ["trader"]).join(", ")}.`),
    h("p", {}, "An admin can grant the evaluator role (docs/identity.md, “Roles”). ",
      h("a", { href: "/#/trade" }, "Go to the trader dashboard"), " or ",
      h("button.link", { type: "button", onclick: doSignOut }, "sign in as someone else"), ".")));
}

function renderNav(active) {
  const user = currentUser();
  const links = isEvaluator(user)
    ? Object.entries(routes).filter(([, r]) => r.nav)
      .map(([name, r]) => h("a", { href: `#/${name}`, "aria-current": name === active || (active === "audit" && name === "assessments") ? "page" : null }, r.nav))
    : [];
  links.push(h("a", { href: "/#/trade" }, "Trader dashboard"));
  fill($("#nav"), links);
  fill($("#who"), user
    ? [h("span.email", {}, user.displayName || user.email), " ", h("button.link", { type: "button", onclick: doSignOut }, "Sign out")]
    : [h("a", { href: "#/signin" }, "Sign in")]);
}

async function doSignOut() {
  await stopPrivate();
  await signOut();
  sessionStorage.setItem("crucible.after", "#/assessments");
  navigate("signin");
}

onState(state => {
  const el = $("#connection");
  el.dataset.state = state;
  el.textContent = { live: "live", reconnecting: "reconnecting…", offline: "offline" }[state];
  el.title = stats.lastResync ? `last resync ${stats.lastResync.toLocaleTimeString()} · ${stats.resyncs} resyncs` : "";
});

window.crucible = { stats };
window.addEventListener("hashchange", render);
onSessionChange(() => renderNav(parseHash().name));
await Promise.all([resume(), loadInstruments()]);
if (!currentUser()) sessionStorage.setItem("crucible.after", location.hash && !location.hash.startsWith("#/signin") ? location.hash : "#/assessments");
await render();
document.body.dataset.ready = "true";
