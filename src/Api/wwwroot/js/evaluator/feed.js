// The evaluators' feed (SubscribeAll on /hubs/assessments): every assessment's created, status, phase and extension
// events. Listeners get each event; after every (re)connect they are told to reread from REST, since events sent while
// away are not replayed.
import { assessments, noteResync } from "../live.js";

const listeners = new Set();
const resyncListeners = new Set();
let following = null;
let connects = 0;

for (const name of ["Created", "StatusChanged", "PhaseStarted", "Extended"])
  assessments.on(name, e => listeners.forEach(l => l(name, e)));

/** Follows the feed (once per page) and calls listener(name, event) for each event; returns a function that stops it. */
export async function onFeed(listener, onResync) {
  listeners.add(listener);
  if (onResync) resyncListeners.add(onResync);
  if (!assessments.wanted) following = null;   // signed out since: the hub was stopped
  following ??= assessments.follow(async () => {
    await assessments.invoke("SubscribeAll");
    // The first subscription is the page's start; later ones are reconnects: what changed meanwhile is reread.
    if (connects++ > 0) { noteResync(); resyncListeners.forEach(l => l()); }
  });
  await following;
  return () => { listeners.delete(listener); resyncListeners.delete(onResync); };
}
