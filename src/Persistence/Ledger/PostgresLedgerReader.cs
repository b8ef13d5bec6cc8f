using System.Text.Json;
using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Npgsql;

namespace Crucible.Persistence.Ledger;

/// <summary>Reads the ledger tables back into entries, each kind in commit order (ledger_seq), which is append order.</summary>
public sealed class PostgresLedgerReader(NpgsqlDataSource dataSource) : ILedgerReader
{
    public async Task<AccountHistory> ReadAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        // One snapshot, so the lists agree with each other even while the writer commits.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

        var opened = await ReadAsync(connection,
            "SELECT initial_balance, opened_at, terms::text, evaluation::text FROM ledger_accounts WHERE account_id = $1", accountId,
            r => new AccountOpened(accountId, r.GetDecimal(0), Time(r, 1),
                LedgerJson.Read<TradingTerms>(Text(r, 2)), LedgerJson.Read<AccountEvaluation>(Text(r, 3))), cancellationToken);
        var orders = await ReadAsync(connection,
            """
            SELECT order_id, version, client_order_id, symbol, side, order_type, time_in_force, order_class, quantity, filled_quantity,
                   average_fill_price, limit_price, stop_price, trail_amount, trail_percent, watermark, triggered, status, reject_reason,
                   parent_id, leg_ids, replaces_id, replaced_by_id, created_at, updated_at, filled_at, canceled_at, expired_at,
                   rejected_at, replaced_at, expires_at, notional
            FROM ledger_order_changes WHERE account_id = $1 ORDER BY ledger_seq
            """, accountId, r => new OrderRecorded(
                new Order(
                    r.GetString(0), Text(r, 2), accountId, r.GetString(3), Enum.Parse<OrderSide>(r.GetString(4)),
                    Enum.Parse<OrderType>(r.GetString(5)), Enum.Parse<TimeInForce>(r.GetString(6)), Enum.Parse<OrderClass>(r.GetString(7)),
                    r.GetDecimal(8), r.GetDecimal(9), Number(r, 10), Number(r, 11), Number(r, 12), Number(r, 13), Number(r, 14), Number(r, 15),
                    r.GetBoolean(16), Enum.Parse<OrderStatus>(r.GetString(17)),
                    Text(r, 18) is { } reason ? Enum.Parse<OrderErrorCode>(reason) : null,
                    Text(r, 19), r.GetFieldValue<string[]>(20), Text(r, 21), Text(r, 22), Time(r, 23), Time(r, 24),
                    MaybeTime(r, 25), MaybeTime(r, 26), MaybeTime(r, 27), MaybeTime(r, 28), MaybeTime(r, 29), MaybeTime(r, 30), Number(r, 31)),
                r.GetInt32(1)), cancellationToken);
        var fills = await ReadAsync(connection,
            """
            SELECT fill_id, order_id, symbol, side, quantity, price, commission, realized_pnl, filled_at, quote_sequence
            FROM ledger_fills WHERE account_id = $1 ORDER BY ledger_seq
            """, accountId, r => new FillRecorded(accountId, new Fill(
                r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<OrderSide>(r.GetString(3)), r.GetDecimal(4), r.GetDecimal(5),
                r.GetDecimal(6), r.GetDecimal(7), Time(r, 8), r.GetInt64(9))), cancellationToken);
        var settlements = await ReadAsync(connection,
            """
            SELECT symbol, quantity, price, realized_pnl, settled_at, quote_sequence
            FROM ledger_settlements WHERE account_id = $1 ORDER BY ledger_seq
            """, accountId, r => new PositionSettled(
                accountId, r.GetString(0), r.GetDecimal(1), r.GetDecimal(2), r.GetDecimal(3), Time(r, 4), r.GetInt64(5)), cancellationToken);
        var ruleEvents = await ReadAsync(connection,
            """
            SELECT sequence, occurred_at, rule, kind, measured, limit_value, balance, equity, cause, symbol, quote_sequence, fill_id, message,
                   bid, ask
            FROM ledger_rule_events WHERE account_id = $1 ORDER BY sequence
            """, accountId, r => new RuleEventRecorded(accountId, r.GetInt64(0), new RuleEvent(
                Time(r, 1), r.GetString(2), Enum.Parse<RuleEventKind>(r.GetString(3)), r.GetDecimal(4), r.GetDecimal(5), r.GetDecimal(6),
                r.GetDecimal(7), Enum.Parse<ObservationCause>(r.GetString(8)), Text(r, 9), r.IsDBNull(10) ? null : r.GetInt64(10),
                Text(r, 11), r.GetString(12), r.IsDBNull(13) ? null : r.GetDecimal(13), r.IsDBNull(14) ? null : r.GetDecimal(14))), cancellationToken);
        var samples = await ReadAsync(connection,
            "SELECT sampled_at, balance, equity FROM ledger_equity_samples WHERE account_id = $1 ORDER BY sampled_at", accountId,
            r => new EquitySampled(accountId, new EquitySample(Time(r, 0), r.GetDecimal(1), r.GetDecimal(2))), cancellationToken);
        var (phaseSnapshot, phaseSnapshotProblem) = await ReadPhaseSnapshotAsync(connection, accountId, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new AccountHistory(accountId, opened.SingleOrDefault(), orders, fills, settlements, ruleEvents, samples)
        {
            PhaseSnapshot = phaseSnapshot,
            PhaseSnapshotProblem = phaseSnapshotProblem,
        };
    }

    public async Task<AssessmentHistory> ReadAssessmentAsync(string assessmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assessmentId);
        // One snapshot: the purchase and the transitions agree even while the writer commits.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var opened = await ReadAsync(connection,
            """
            SELECT trader_id, plan::text, price_paid, payment_reference, purchase_id, opened_at
            FROM ledger_assessments WHERE assessment_id = $1
            """, assessmentId, r => new AssessmentOpened(assessmentId, r.GetString(0), LedgerJson.Read<ChallengePlan>(r.GetString(1))!,
                r.GetDecimal(2), r.GetString(3), Text(r, 4), Time(r, 5)), cancellationToken);
        var transitions = await ReadAsync(connection,
            """
            SELECT attempt, sequence, phase, from_status, to_status, cause, actor, reason, occurred_at,
                   evidence::text, phase_ended, phase_ended_by, phase_opened, phase_opened_name, event_sequence
            FROM ledger_assessment_transitions WHERE assessment_id = $1 ORDER BY attempt, sequence
            """, assessmentId, r => new AssessmentTransition(
                assessmentId, r.GetInt32(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                Text(r, 7), Time(r, 8), LedgerJson.Read<RuleEvent>(Text(r, 9)),
                Text(r, 10) is { } ended ? Enum.Parse<PhaseStatus>(ended) : null, Text(r, 11), Text(r, 12), Text(r, 13),
                r.IsDBNull(14) ? null : r.GetInt64(14)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AssessmentHistory(assessmentId, opened.SingleOrDefault(), transitions);
    }

    /// <summary>The account's latest phase snapshot; one that does not parse is reported, not thrown (the account still opens).</summary>
    private static async Task<(PhaseSnapshotRecorded?, string?)> ReadPhaseSnapshotAsync(
        NpgsqlConnection connection, string accountId, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(connection,
            "SELECT sequence, snapshot::text, quotes::text FROM ledger_phase_snapshots WHERE account_id = $1 ORDER BY sequence DESC LIMIT 1",
            accountId, r => (Sequence: r.GetInt64(0), Snapshot: Text(r, 1), Quotes: Text(r, 2)), cancellationToken);
        if (rows.Count == 0) return (null, null);
        var row = rows[0];
        try
        {
            var snapshot = LedgerJson.Read<PhaseSnapshot>(row.Snapshot) ?? throw new JsonException("the snapshot is null");
            var quotes = LedgerJson.Read<List<Quote>>(row.Quotes) ?? [];
            return (new PhaseSnapshotRecorded(accountId, row.Sequence, snapshot, quotes), null);
        }
        catch (JsonException e)
        {
            return (null, $"phase snapshot {row.Sequence} could not be read: {e.Message}");
        }
    }

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, string sql, string key, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }

    private static DateTimeOffset Time(NpgsqlDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);

    private static DateTimeOffset? MaybeTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Time(r, i);

    private static decimal? Number(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
