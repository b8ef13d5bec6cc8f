using Crucible.Grains.Ledger;

namespace Crucible.Persistence.Ledger;

/// <summary>
/// The column mapping of every ledger table in deploy/sql/40-ledger.sql (the reader maps them back), with its natural key
/// (the table's primary key).
/// </summary>
internal static class LedgerTables
{
    public static IReadOnlyList<ILedgerTable> All { get; } =
    [
        new LedgerTable<AccountOpened>("ledger_accounts", ["account_id"], c =>
        [
            c.Text("account_id", e => e.AccountId),
            c.Numeric("initial_balance", e => e.InitialBalance),
            c.Time("opened_at", e => e.Time),
            c.Json("terms", e => e.Terms),
            c.Json("evaluation", e => e.Evaluation),
        ]),
        new LedgerTable<OrderRecorded>("ledger_order_changes", ["account_id", "order_id", "version"], c =>
        [
            c.Text("account_id", e => e.Order.AccountId),
            c.Text("order_id", e => e.Order.Id),
            c.Integer("version", e => e.Version),
            c.Text("client_order_id", e => e.Order.ClientOrderId),
            c.Text("symbol", e => e.Order.Symbol),
            c.Text("side", e => e.Order.Side.ToString()),
            c.Text("order_type", e => e.Order.Type.ToString()),
            c.Text("time_in_force", e => e.Order.TimeInForce.ToString()),
            c.Text("order_class", e => e.Order.Class.ToString()),
            c.Numeric("quantity", e => e.Order.Quantity),
            c.Numeric("filled_quantity", e => e.Order.FilledQuantity),
            c.Numeric("average_fill_price", e => e.Order.AverageFillPrice),
            c.Numeric("limit_price", e => e.Order.LimitPrice),
            c.Numeric("stop_price", e => e.Order.StopPrice),
            c.Numeric("trail_amount", e => e.Order.TrailAmount),
            c.Numeric("trail_percent", e => e.Order.TrailPercent),
            c.Numeric("watermark", e => e.Order.Watermark),
            c.Boolean("triggered", e => e.Order.Triggered),
            c.Text("status", e => e.Order.Status.ToString()),
            c.Text("reject_reason", e => e.Order.RejectReason?.ToString()),
            c.Text("parent_id", e => e.Order.ParentId),
            c.TextArray("leg_ids", e => e.Order.LegIds.ToArray()),
            c.Text("replaces_id", e => e.Order.ReplacesId),
            c.Text("replaced_by_id", e => e.Order.ReplacedById),
            c.Time("created_at", e => e.Order.CreatedAt),
            c.Time("updated_at", e => e.Order.UpdatedAt),
            c.Time("filled_at", e => e.Order.FilledAt),
            c.Time("canceled_at", e => e.Order.CanceledAt),
            c.Time("expired_at", e => e.Order.ExpiredAt),
            c.Time("rejected_at", e => e.Order.RejectedAt),
            c.Time("replaced_at", e => e.Order.ReplacedAt),
            c.Time("expires_at", e => e.Order.ExpiresAt),
            c.Numeric("notional", e => e.Order.Notional),
        ],
        // The order as placed: the first state the ledger sees of it (DO NOTHING skips the later ones, also
        // within one batch).
        """
        INSERT INTO ledger_orders (account_id, order_id, client_order_id, symbol, side, order_type, time_in_force,
                                   order_class, quantity, parent_id, replaces_id, created_at)
        SELECT account_id, order_id, client_order_id, symbol, side, order_type, time_in_force,
               order_class, quantity, parent_id, replaces_id, created_at
        FROM {staging} ORDER BY ordinal ON CONFLICT DO NOTHING
        """),
        new LedgerTable<FillRecorded>("ledger_fills", ["account_id", "fill_id"], c =>
        [
            c.Text("account_id", e => e.AccountId),
            c.Text("fill_id", e => e.Fill.Id),
            c.Text("order_id", e => e.Fill.OrderId),
            c.Text("symbol", e => e.Fill.Symbol),
            c.Text("side", e => e.Fill.Side.ToString()),
            c.Numeric("quantity", e => e.Fill.Quantity),
            c.Numeric("price", e => e.Fill.Price),
            c.Numeric("commission", e => e.Fill.Commission),
            c.Numeric("realized_pnl", e => e.Fill.RealizedPnl),
            c.Time("filled_at", e => e.Fill.Time),
            c.Bigint("quote_sequence", e => e.Fill.QuoteSequence),
        ]),
        new LedgerTable<PositionSettled>("ledger_settlements", ["account_id", "symbol", "quote_sequence"], c =>
        [
            c.Text("account_id", e => e.AccountId),
            c.Text("symbol", e => e.Symbol),
            c.Bigint("quote_sequence", e => e.QuoteSequence),
            c.Numeric("quantity", e => e.Quantity),
            c.Numeric("price", e => e.Price),
            c.Numeric("realized_pnl", e => e.RealizedPnl),
            c.Time("settled_at", e => e.Time),
        ]),
        new LedgerTable<RuleEventRecorded>("ledger_rule_events", ["account_id", "sequence"], c =>
        [
            c.Text("account_id", e => e.AccountId),
            c.Bigint("sequence", e => e.Sequence),
            c.Time("occurred_at", e => e.Event.Time),
            c.Text("rule", e => e.Event.Rule),
            c.Text("kind", e => e.Event.Kind.ToString()),
            c.Numeric("measured", e => e.Event.Measured),
            c.Numeric("limit_value", e => e.Event.Limit),
            c.Numeric("balance", e => e.Event.Balance),
            c.Numeric("equity", e => e.Event.Equity),
            c.Text("cause", e => e.Event.Cause.ToString()),
            c.Text("symbol", e => e.Event.Symbol),
            c.Bigint("quote_sequence", e => e.Event.QuoteSequence),
            c.Text("fill_id", e => e.Event.FillId),
            c.Text("message", e => e.Event.Message),
            c.Numeric("bid", e => e.Event.Bid),
            c.Numeric("ask", e => e.Event.Ask),
        ]),
        new LedgerTable<EquitySampled>("ledger_equity_samples", ["account_id", "sampled_at"], c =>
        [
            c.Text("account_id", e => e.AccountId),
            c.Time("sampled_at", e => e.Sample.Time),
            c.Numeric("balance", e => e.Sample.Balance),
            c.Numeric("equity", e => e.Sample.Equity),
        ]),
        new LedgerTable<AssessmentTransition>("ledger_assessment_transitions", ["assessment_id", "attempt", "sequence"], c =>
        [
            c.Text("assessment_id", e => e.AssessmentId),
            c.Integer("attempt", e => e.Attempt),
            c.Bigint("sequence", e => e.Sequence),
            c.Integer("phase", e => e.Phase),
            c.Text("from_status", e => e.From),
            c.Text("to_status", e => e.To),
            c.Text("cause", e => e.Cause),
            c.Text("actor", e => e.Actor),
            c.Text("reason", e => e.Reason),
            c.Time("occurred_at", e => e.Time),
            c.Json("evidence", e => e.Evidence),
            c.Text("phase_ended", e => e.PhaseEnded?.ToString()),
            c.Text("phase_ended_by", e => e.PhaseEndedBy),
            c.Text("phase_opened", e => e.PhaseOpened),
            c.Text("phase_opened_name", e => e.PhaseOpenedName),
            c.Bigint("event_sequence", e => e.EventSequence),
        ]),
        // An assessment's purchase: what its rebuild starts from.
        new LedgerTable<AssessmentOpened>("ledger_assessments", ["assessment_id"], c =>
        [
            c.Text("assessment_id", e => e.AssessmentId),
            c.Text("trader_id", e => e.TraderId),
            c.Text("plan_id", e => e.Plan.Id),
            c.Json("plan", e => e.Plan),
            c.Numeric("price_paid", e => e.PricePaid),
            c.Text("payment_reference", e => e.PaymentReference),
            c.Text("purchase_id", e => e.PurchaseId),
            c.Time("opened_at", e => e.Time),
        ]),
        // Issue 13: an assessment account's phase state, with every append (docs/durability.md "Assessment accounts").
        new LedgerTable<PhaseSnapshotRecorded>("ledger_phase_snapshots", ["account_id", "sequence"], c =>
        [
            c.Text("account_id", e => e.AccountId),
            c.Bigint("sequence", e => e.Sequence),
            c.Time("observed_at", e => e.Snapshot.LastObservedAt),
            c.Json("snapshot", e => e.Snapshot),
            c.Json("quotes", e => e.Quotes),
        ]),
    ];

    public static ILedgerTable For(LedgerEntry entry) =>
        All.FirstOrDefault(t => t.Accepts(entry))
        ?? throw new ArgumentException($"The ledger has no table for {entry.GetType().Name}.", nameof(entry));
}
