// The dashboard's shell: the header (navigation, connection state, user), hash routes, and the session.
import { currentUser, onSessionChange, resume, signOut } from "./api.js";
import { h, fill, $ } from "./dom.js";
import { onState, stats, stopPrivate } from "./live.js";
import { loadInstruments } from "./market.js";
import { authView } from "./views/auth-view.js";
import { plansView } from "./views/plans-view.js";
import { marketsView } from "./views/markets-view.js";
import { tradeView } from "./views/trade-view.js";
import { securityView } from "./views/security-view.js";
import { markInteractive } from "./budget.js";

const routes = {
  "signin": { view: authView("signin"), public: true },
  "register": { view: authView("register"), public: true },
  "markets": { view: marketsView, public: true, nav: "Markets" },
  "plans": { view: plansView, public: true, nav: "Plans" },
  "trade": { view: tradeView, nav: "Trade" },
  "security": { view: securityView, nav: "Security" },
};

let teardown = null;
let rendering = 0;

export function navigate(route) { location.hash = `#/${route}`; }

async function render() {
  const [name, ...rest] = location.hash.replace(/^#\/?/, "").split("/");
  const route = routes[name] ?? null;
  if (!route) { navigate(currentUser() ? "trade" : "signin"); return; }
  if (!route.public && !currentUser()) { sessionStorage.setItem("crucible.after", location.hash); navigate("signin"); return; }
  const mine = ++rendering;
  const previous = teardown;
  teardown = null;
  await previous?.();
  if (mine !== rendering) return;   // a newer navigation took over
  renderNav(name);
  // Each render gets its own container: a view that a newer navigation overtook builds into a detached one.
  const main = $("#main");
  const container = h("div.view");
  main.replaceChildren(container);
  try {
    const done = await route.view(container, { args: rest.map(decodeURIComponent), navigate });
    if (mine === rendering) teardown = done; else await done?.();
    markInteractive();
  } catch (error) {
    console.error(error);
    fill(container, h("p.error", { role: "alert" }, `Could not show this page: ${error.message}`));
  }
}

function renderNav(active) {
  const links = Object.entries(routes).filter(([, r]) => r.nav && (r.public || currentUser()))
    .map(([name, r]) => h("a", { href: `#/${name}`, "aria-current": name === active ? "page" : null }, r.nav));
  // Evaluators and admins also get their console (a page of its own: /evaluator.html).
  if ((currentUser()?.roles ?? []).some(r => r === "evaluator" || r === "admin")) links.push(h("a", { href: "/evaluator.html#/assessments" }, "Evaluator console"));
  fill($("#nav"), links);
  const user = currentUser();
  fill($("#who"), user
    ? [h("span.email", {}, user.displayName || user.email), " ", h("button.link", { type: "button", onclick: doSignOut }, "Sign out")]
    : [h("a", { href: "#/signin" }, "Sign in"), " ", h("a", { href: "#/register" }, "Register")]);
}

async function doSignOut() {
  await stopPrivate();
  await signOut();
  navigate("signin");
}

onState(state => {
  const el = $("#connection");
  el.dataset.state = state;
  stats.states.push({ state, at: performance.now() });
  if (stats.states.length > 100) stats.states.shift();
  el.textContent = { live: "live", reconnecting: "reconnecting…", offline: "offline" }[state];
  el.title = stats.lastResync ? `last resync ${stats.lastResync.toLocaleTimeString()} · ${stats.resyncs} resyncs` : "";
});

// Exposed for the browser tests and for curious users: what the live layer did.
window.crucible = { stats };

window.addEventListener("hashchange", render);
onSessionChange(() => renderNav(location.hash.replace(/^#\/?/, "").split("/")[0]));
await Promise.all([resume(), loadInstruments()]);
await render();
document.body.dataset.ready = "true";
markInteractive();
