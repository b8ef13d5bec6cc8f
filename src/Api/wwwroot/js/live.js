// Live connections to the three hubs, with one visible state for all of them: live, reconnecting or offline.
// SignalR's automatic reconnect retries with back-off forever; when a connection closes for good (or never
// started) we restart it ourselves on the same back-off. After every (re)connect each hub's subscribers
// re-subscribe and resync from REST, so nothing shown is stale.
import { accessToken } from "./api.js";

/* global signalR */

const BACKOFF_MS = [0, 1000, 2000, 5000, 10000, 15000];
const delay = attempt => BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] + Math.floor(Math.random() * 250);

const stateListeners = new Set();
const hubs = [];

/** Observable counters the page shows (and the browser tests read): resyncs and quote gaps. */
// states: every change of the connection indicator with its time (the last 100); shown: the trading screen's drawn
// quote sequences (trade-view.js).
export const stats = { resyncs: 0, gaps: 0, reconnects: 0, lastResync: null, states: [], shown: { symbol: null, sequences: [] } };

export function onState(listener) {
  stateListeners.add(listener);
  listener(overallState());
}

function overallState() {
  const active = hubs.filter(hub => hub.wanted);
  if (active.some(hub => hub.state === "offline")) return "offline";
  if (active.some(hub => hub.state === "reconnecting" || hub.state === "connecting")) return "reconnecting";
  return "live";
}

const announce = () => { const s = overallState(); stateListeners.forEach(l => l(s)); };

/** Counts a resync (REST reread after a reconnect or a sequence gap). */
export function noteResync() {
  stats.resyncs++;
  stats.lastResync = new Date();
  announce();
}

class Hub {
  constructor(url, { authenticated }) {
    this.url = url;
    this.authenticated = authenticated;
    this.state = "connecting";
    this.wanted = false;
    this.handlers = new Map();     // message name -> Set of handlers
    this.subscribers = new Set();  // async () => void, run after every (re)connect
    this.connection = null;
    this.starting = null;
    this.attempt = 0;
    this.timer = 0;
    this.refs = new Map();
    hubs.push(this);
  }

  build() {
    const options = this.authenticated ? { accessTokenFactory: async () => (await accessToken()) ?? "" } : {};
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(this.url, options)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => delay(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    for (const [name, set] of this.handlers) connection.on(name, (...args) => set.forEach(handler => handler(...args)));
    connection.onreconnecting(() => { this.set("reconnecting"); });
    connection.onreconnected(() => { stats.reconnects++; this.resubscribe(); });
    connection.onclose(() => { if (this.wanted) { this.set("offline"); this.scheduleStart(); } });
    return connection;
  }

  set(state) { this.state = state; announce(); }

  on(name, handler) {
    if (!this.handlers.has(name)) {
      this.handlers.set(name, new Set());
      this.connection?.on(name, (...args) => this.handlers.get(name).forEach(h => h(...args)));
    }
    this.handlers.get(name).add(handler);
    return () => this.handlers.get(name).delete(handler);
  }

  /** Runs subscribe now (when connected) and after every reconnect; returns a function that stops it. */
  async follow(subscribe) {
    this.subscribers.add(subscribe);
    this.wanted = true;
    await this.start();
    if (this.connection?.state === signalR.HubConnectionState.Connected) await subscribe();
    return () => this.subscribers.delete(subscribe);
  }

  invoke(method, ...args) { return this.connection.invoke(method, ...args); }

  /**
   * Subscriptions are per connection on the server, and views share the connection: a view that goes away must not
   * unsubscribe what the next view of the same account has just subscribed. Holders are counted per key.
   */
  hold(key) { this.refs.set(key, (this.refs.get(key) ?? 0) + 1); }

  async release(key, method, ...args) {
    const left = (this.refs.get(key) ?? 1) - 1;
    if (left > 0) { this.refs.set(key, left); return; }
    this.refs.delete(key);
    await this.connection?.invoke(method, ...args).catch(() => {});
  }

  async start() {
    if (this.connection?.state === signalR.HubConnectionState.Connected) return;
    this.starting ??= (async () => {
      try {
        this.connection ??= this.build();
        if (this.connection.state === signalR.HubConnectionState.Disconnected) await this.connection.start();
        this.attempt = 0;
        this.set("live");
      } catch (error) {
        console.warn(`${this.url}: ${error.message}`);
        this.set("offline");
        this.scheduleStart();
      } finally {
        this.starting = null;
      }
    })();
    return this.starting;
  }

  scheduleStart() {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      this.attempt++;
      await this.start();
      if (this.connection?.state === signalR.HubConnectionState.Connected) this.resubscribe();
    }, delay(this.attempt + 1));
  }

  async resubscribe() {
    this.set("live");
    for (const subscribe of [...this.subscribers]) {
      try { await subscribe(); } catch (error) { console.warn(error); }
    }
  }

  /** Stops for good (sign-out). */
  async stop() {
    this.wanted = false;
    this.subscribers.clear();
    this.refs.clear();
    clearTimeout(this.timer);
    const connection = this.connection;
    this.connection = null;
    await connection?.stop().catch(() => {});
    announce();
  }
}

export const market = new Hub("/hubs/market", { authenticated: false });
export const accounts = new Hub("/hubs/accounts", { authenticated: true });
export const assessments = new Hub("/hubs/assessments", { authenticated: true });

export async function stopPrivate() {
  await accounts.stop();
  await assessments.stop();
}
