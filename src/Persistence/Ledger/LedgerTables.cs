using Crucible.Grains.Ledger;
using NpgsqlTypes;

namespace Crucible.Persistence.Ledger;

/// <summary>The column mapping of every ledger table in deploy/sql/40-ledger.sql (the reader maps them back).</summary>
internal static class LedgerTables
{
    private const NpgsqlDbType Text = NpgsqlDbType.Text;
    private const NpgsqlDbType Numeric = NpgsqlDbType.Numeric;
    private const NpgsqlDbType Time = NpgsqlDbType.TimestampTz;
    private const NpgsqlDbType Bigint = NpgsqlDbType.Bigint;
    private const NpgsqlDbType Integer = NpgsqlDbType.Integer;

    public static IReadOnlyList<ILedgerTable> All { get; } =
    [
        new LedgerTable<AccountOpened>("ledger_accounts",
        [
            new("account_id", "text", Text, e => e.AccountId),
            new("initial_balance", "numeric", Numeric, e => e.InitialBalance),
            new("opened_at", "timestamptz", Time, e => Utc(e.Time)),
        ]),
        new LedgerTable<OrderRecorded>("ledger_order_changes",
        [
            new("account_id", "text", Text, e => e.Order.AccountId),
            new("order_id", "text", Text, e => e.Order.Id),
            new("version", "integer", Integer, e => e.Version),
            new("client_order_id", "text", Text, e => e.Order.ClientOrderId),
            new("symbol", "text", Text, e => e.Order.Symbol),
            new("side", "text", Text, e => e.Order.Side.ToString()),
            new("order_type", "text", Text, e => e.Order.Type.ToString()),
            new("time_in_force", "text", Text, e => e.Order.TimeInForce.ToString()),
            new("order_class", "text", Text, e => e.Order.Class.ToString()),
            new("quantity", "numeric", Numeric, e => e.Order.Quantity),
            new("filled_quantity", "numeric", Numeric, e => e.Order.FilledQuantity),
            new("average_fill_price", "numeric", Numeric, e => e.Order.AverageFillPrice),
            new("limit_price", "numeric", Numeric, e => e.Order.LimitPrice),
            new("stop_price", "numeric", Numeric, e => e.Order.StopPrice),
            new("trail_amount", "numeric", Numeric, e => e.Order.TrailAmount),
            new("trail_percent", "numeric", Numeric, e => e.Order.TrailPercent),
            new("watermark", "numeric", Numeric, e => e.Order.Watermark),
            new("triggered", "boolean", NpgsqlDbType.Boolean, e => e.Order.Triggered),
            new("status", "text", Text, e => e.Order.Status.ToString()),
            new("reject_reason", "text", Text, e => e.Order.RejectReason?.ToString()),
            new("parent_id", "text", Text, e => e.Order.ParentId),
            new("leg_ids", "text[]", NpgsqlDbType.Array | Text, e => e.Order.LegIds.ToArray()),
            new("replaces_id", "text", Text, e => e.Order.ReplacesId),
            new("replaced_by_id", "text", Text, e => e.Order.ReplacedById),
            new("created_at", "timestamptz", Time, e => Utc(e.Order.CreatedAt)),
            new("updated_at", "timestamptz", Time, e => Utc(e.Order.UpdatedAt)),
            new("filled_at", "timestamptz", Time, e => Utc(e.Order.FilledAt)),
            new("canceled_at", "timestamptz", Time, e => Utc(e.Order.CanceledAt)),
            new("expired_at", "timestamptz", Time, e => Utc(e.Order.ExpiredAt)),
            new("rejected_at", "timestamptz", Time, e => Utc(e.Order.RejectedAt)),
            new("replaced_at", "timestamptz", Time, e => Utc(e.Order.ReplacedAt)),
            new("expires_at", "timestamptz", Time, e => Utc(e.Order.ExpiresAt)),
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
        new LedgerTable<FillRecorded>("ledger_fills",
        [
            new("account_id", "text", Text, e => e.AccountId),
            new("fill_id", "text", Text, e => e.Fill.Id),
            new("order_id", "text", Text, e => e.Fill.OrderId),
            new("symbol", "text", Text, e => e.Fill.Symbol),
            new("side", "text", Text, e => e.Fill.Side.ToString()),
            new("quantity", "numeric", Numeric, e => e.Fill.Quantity),
            new("price", "numeric", Numeric, e => e.Fill.Price),
            new("commission", "numeric", Numeric, e => e.Fill.Commission),
            new("realized_pnl", "numeric", Numeric, e => e.Fill.RealizedPnl),
            new("filled_at", "timestamptz", Time, e => Utc(e.Fill.Time)),
            new("quote_sequence", "bigint", Bigint, e => e.Fill.QuoteSequence),
        ]),
        new LedgerTable<PositionSettled>("ledger_settlements",
        [
            new("account_id", "text", Text, e => e.AccountId),
            new("symbol", "text", Text, e => e.Symbol),
            new("quote_sequence", "bigint", Bigint, e => e.QuoteSequence),
            new("quantity", "numeric", Numeric, e => e.Quantity),
            new("price", "numeric", Numeric, e => e.Price),
            new("realized_pnl", "numeric", Numeric, e => e.RealizedPnl),
            new("settled_at", "timestamptz", Time, e => Utc(e.Time)),
        ]),
        new LedgerTable<RuleEventRecorded>("ledger_rule_events",
        [
            new("account_id", "text", Text, e => e.AccountId),
            new("sequence", "bigint", Bigint, e => e.Sequence),
            new("occurred_at", "timestamptz", Time, e => Utc(e.Event.Time)),
            new("rule", "text", Text, e => e.Event.Rule),
            new("kind", "text", Text, e => e.Event.Kind.ToString()),
            new("measured", "numeric", Numeric, e => e.Event.Measured),
            new("limit_value", "numeric", Numeric, e => e.Event.Limit),
            new("balance", "numeric", Numeric, e => e.Event.Balance),
            new("equity", "numeric", Numeric, e => e.Event.Equity),
            new("cause", "text", Text, e => e.Event.Cause.ToString()),
            new("symbol", "text", Text, e => e.Event.Symbol),
            new("quote_sequence", "bigint", Bigint, e => e.Event.QuoteSequence),
            new("fill_id", "text", Text, e => e.Event.FillId),
            new("message", "text", Text, e => e.Event.Message),
        ]),
        new LedgerTable<EquitySampled>("ledger_equity_samples",
        [
            new("account_id", "text", Text, e => e.AccountId),
            new("sampled_at", "timestamptz", Time, e => Utc(e.Sample.Time)),
            new("balance", "numeric", Numeric, e => e.Sample.Balance),
            new("equity", "numeric", Numeric, e => e.Sample.Equity),
        ]),
        new LedgerTable<AssessmentTransition>("ledger_assessment_transitions",
        [
            new("assessment_id", "text", Text, e => e.AssessmentId),
            new("attempt", "integer", Integer, e => e.Attempt),
            new("sequence", "bigint", Bigint, e => e.Sequence),
            new("phase", "integer", Integer, e => e.Phase),
            new("from_status", "text", Text, e => e.From),
            new("to_status", "text", Text, e => e.To),
            new("cause", "text", Text, e => e.Cause),
            new("actor", "text", Text, e => e.Actor),
            new("reason", "text", Text, e => e.Reason),
            new("occurred_at", "timestamptz", Time, e => Utc(e.Time)),
        ]),
    ];

    public static ILedgerTable For(LedgerEntry entry) =>
        All.FirstOrDefault(t => t.Accepts(entry))
        ?? throw new ArgumentException($"The ledger has no table for {entry.GetType().Name}.", nameof(entry));

    // timestamptz takes UTC instants; the ledger keeps microseconds (PostgreSQL's resolution).
    private static object? Utc(DateTimeOffset? time) => time?.UtcDateTime;
}
