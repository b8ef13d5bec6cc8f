// One account followed live: its balances, positions, working orders and fills, kept current from /hubs/accounts.
// Order, fill, position and rule events carry the account's next sequence number: one that jumps means an event was
// missed, and the account is reread from REST. Balance updates are conflated (they repeat the current sequence).
import { get } from "./api.js";
import { accounts, noteResync } from "./live.js";

const base = id => `/api/v1/accounts/${encodeURIComponent(id)}`;

export class AccountFeed {
  constructor(accountId, onChange) {
    this.id = accountId;
    this.onChange = onChange;
    this.account = null;
    this.positions = new Map();   // symbol -> position
    this.orders = new Map();      // id -> working order
    this.fills = [];
    this.sequence = 0;
    this.stopped = false;
    this.offs = [
      accounts.on("Order", e => this.event(e, () => this.order(e.order))),
      accounts.on("Fill", e => this.event(e, () => { this.fills.push(e.fill); this.changed("fills", e.fill); })),
      accounts.on("Position", e => this.event(e, () => this.position(e.position))),
      accounts.on("Account", e => { if (this.mine(e) && e.sequence >= this.sequence) { this.account = e.account; this.changed("account"); } }),
    ];
  }

  mine(e) { return !this.stopped && e.accountId === this.id; }

  event(e, apply) {
    if (!this.mine(e) || e.sequence <= this.sequence) return;
    if (e.sequence > this.sequence + 1) { this.resync(e.sequence); return; }
    this.sequence = e.sequence;
    apply();
  }

  order(order) {
    if (order.isWorking) this.orders.set(order.id, order); else this.orders.delete(order.id);
    this.changed("orders", order);
  }

  position(position) {
    if (Number(position.quantity) === 0) this.positions.delete(position.symbol); else this.positions.set(position.symbol, position);
    this.changed("positions");
  }

  changed(what, detail) { if (!this.stopped) this.onChange(what, detail); }

  async start() {
    this.fills = await get(`${base(this.id)}/fills`);
    accounts.hold(this.id);
    this.unfollow = await accounts.follow(() => this.subscribe());
  }

  async subscribe() {
    const state = await accounts.invoke("Subscribe", this.id);
    this.load(state.account, state.positions, state.openOrders, state.sequence);
    if (this.subscribed) { this.fills = await get(`${base(this.id)}/fills`); noteResync(); }
    this.subscribed = true;
    this.changed("all");
  }

  load(account, positions, orders, sequence) {
    this.account = account;
    this.positions = new Map(positions.map(p => [p.symbol, p]));
    this.orders = new Map(orders.map(o => [o.id, o]));
    this.sequence = sequence;
  }

  /** A missed event: reread everything from REST; the state read after the gap's event is at least as new. */
  async resync(sequence) {
    const [account, positions, orders, fills] = await Promise.all([
      get(base(this.id)), get(`${base(this.id)}/positions`), get(`${base(this.id)}/orders?status=open`), get(`${base(this.id)}/fills`),
    ]);
    this.load(account, positions, orders, Math.max(this.sequence, sequence));
    this.fills = fills;
    noteResync();
    this.changed("all");
  }

  async stop() {
    this.stopped = true;
    this.offs.forEach(off => off());
    this.unfollow?.();
    await accounts.release(this.id, "Unsubscribe", this.id);
  }
}
