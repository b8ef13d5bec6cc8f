namespace Crucible.TestSupport;

/// <summary>
/// Shares one <see cref="PostgresServerFixture"/> across the test classes of an assembly.
/// </summary>
/// <remarks>
/// xUnit only discovers <c>[CollectionDefinition]</c> in the test assembly itself, so each
/// test project that needs PostgreSQL adds this one-liner (see tests/Postgres.Tests):
/// <code>
/// [CollectionDefinition(PostgresCollection.Name)]
/// public sealed class PostgresCollectionDefinition : ICollectionFixture&lt;PostgresServerFixture&gt;;
/// </code>
/// and marks its test classes, taking the fixture by constructor injection:
/// <code>
/// [Collection(PostgresCollection.Name)]
/// public sealed class OrderStoreTests(PostgresServerFixture server) : IAsyncLifetime
/// {
///     private string _db = "";
///     public async Task InitializeAsync() =&gt; _db = await server.CreateDatabaseAsync("order_store_" + Guid.NewGuid().ToString("N"));
///     public Task DisposeAsync() =&gt; Task.CompletedTask;
/// }
/// </code>
/// Test classes in one collection run sequentially; use <see cref="PostgresServerFixture.CreateDatabaseAsync"/>
/// so they also don't share tables.
/// </remarks>
public static class PostgresCollection
{
    public const string Name = "Postgres";
}
