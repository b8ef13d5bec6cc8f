using NpgsqlTypes;

namespace Crucible.Persistence.Ledger;

/// <summary>One column of a ledger table: its SQL type for the staging table, its COPY type, and how an entry fills it.</summary>
internal sealed record LedgerColumn<T>(string Name, string SqlType, NpgsqlDbType DbType, Func<T, object?> Value);
