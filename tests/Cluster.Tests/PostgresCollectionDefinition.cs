using Crucible.TestSupport;

namespace Crucible.Cluster.Tests;

// Must live in the test assembly: xUnit ignores collection definitions in referenced libraries.
[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServerFixture>;
