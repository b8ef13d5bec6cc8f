using System.Security.Cryptography;
using System.Text;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Persistence.Migrations;
using Crucible.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crucible.Postgres.Tests.Durable;

/// <summary>
/// Users, their e-mail index, account owners, API keys, the audit trail and a feed's continuity are grain state on
/// "crucible": in durable mode they outlive the silo (stored as JSON, so every collection must read back).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableIdentityTests(PostgresServerFixture server)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Users_keys_owners_the_audit_trail_and_a_feeds_sequence_survive_a_full_restart()
    {
        var connectionString = await server.CreateDatabaseAsync("identity_restart_" + Guid.NewGuid().ToString("N"));
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        const string userId = "u-0123456789abcdef0123456789abcdef";
        const string keyId = "CKDURABLE0000000001";
        var secretHash = SHA256.HashData(Encoding.UTF8.GetBytes("the secret"));
        var entry = new AuditEntry(T0, userId, "sign_in", null, "127.0.0.1", "succeeded");
        var refresh1 = SHA256.HashData(Encoding.UTF8.GetBytes("refresh 1"));
        var refresh2 = SHA256.HashData(Encoding.UTF8.GetBytes("refresh 2"));
        var refresh3 = SHA256.HashData(Encoding.UTF8.GetBytes("refresh 3"));
        Quote lastQuote;
        await using (var first = await DurableSilo.StartAsync(connectionString))
        {
            var user = first.Grains.GetGrain<IUserGrain>(userId);
            Assert.True(await user.CreateAsync(new NewUser("ada@crucible.test", "Ada", "hash-v3", [UserRole.Evaluator], T0)));
            await user.RecordSignInAsync(new SignInAttempt(false, T0));
            await user.AddAccountAsync("paper-ada-1");
            await user.AddApiKeyAsync(keyId);
            Assert.Equal(userId, await first.Grains.GetGrain<IUserEmailGrain>(IUserEmailGrain.Normalize("Ada@crucible.test")).ClaimAsync(userId));
            Assert.Equal(userId, await first.Grains.GetGrain<IAccountOwnerGrain>("paper-ada-1").ClaimAsync(userId));
            Assert.True(await first.Grains.GetGrain<IApiKeyGrain>(keyId).CreateAsync(new NewApiKey(userId, "bot", secretHash, T0)));
            await first.Grains.GetGrain<IAuditTrailGrain>(IAuditTrailGrain.DayOf(T0)).AppendAsync(entry);
            var family = first.Grains.GetGrain<IRefreshTokenFamilyGrain>("family-durable-1");
            Assert.True(await family.StartAsync(new RefreshTokenStart(userId, refresh1, T0, T0.AddDays(14))));
            Assert.Equal(RefreshTokenStatus.Rotated, (await family.RotateAsync(new RefreshTokenRotation(refresh1, refresh2, T0.AddMinutes(1), T0.AddDays(14)))).Status);
            var feed = first.Grains.GetGrain<IInstrumentFeedGrain>("BTC-USD");
            lastQuote = await feed.IngestAsync(new MarketTick(DateTimeOffset.UtcNow, 64_999m, 65_000m, 65_000m, 1m));
        }

        await using var second = await DurableSilo.StartAsync(connectionString);

        var profile = (await second.Grains.GetGrain<IUserGrain>(userId).GetCredentialsAsync())!;
        Assert.Equal(("ada@crucible.test", "Ada", "hash-v3"), (profile.Profile.Email, profile.Profile.DisplayName, profile.PasswordHash));
        Assert.Equal([UserRole.Trader, UserRole.Evaluator], profile.Profile.Roles);
        Assert.Equal(["paper-ada-1"], await second.Grains.GetGrain<IUserGrain>(userId).GetAccountsAsync());
        Assert.Equal([keyId], await second.Grains.GetGrain<IUserGrain>(userId).GetApiKeysAsync());
        Assert.Equal(userId, await second.Grains.GetGrain<IUserEmailGrain>(IUserEmailGrain.Normalize("ADA@crucible.test")).GetUserIdAsync());
        Assert.Equal(userId, await second.Grains.GetGrain<IAccountOwnerGrain>("paper-ada-1").GetOwnerAsync());
        Assert.Equal(ApiKeyVerdict.Accepted, (await second.Grains.GetGrain<IApiKeyGrain>(keyId).VerifyAsync(secretHash, T0.AddMinutes(5))).Verdict);
        Assert.Equal([entry], await second.Grains.GetGrain<IAuditTrailGrain>(IAuditTrailGrain.DayOf(T0)).ListAsync());
        // The refresh family remembers its current and its spent token: the current one rotates, the spent one is reuse.
        var familyAgain = second.Grains.GetGrain<IRefreshTokenFamilyGrain>("family-durable-1");
        Assert.Equal(RefreshTokenStatus.Rotated, (await familyAgain.RotateAsync(new RefreshTokenRotation(refresh2, refresh3, T0.AddMinutes(2), T0.AddDays(14)))).Status);
        Assert.Equal(RefreshTokenStatus.ReuseDetected, (await familyAgain.RotateAsync(new RefreshTokenRotation(refresh1, refresh3, T0.AddMinutes(3), T0.AddDays(14)))).Status);
        // The feed (its simulator ticks again at once) answers with a quote at least as new as the last one and numbers
        // every tick past the numbers the first silo may have used.
        var feedAgain = second.Grains.GetGrain<IInstrumentFeedGrain>("BTC-USD");
        Assert.True((await feedAgain.GetQuoteAsync())!.Sequence >= lastQuote.Sequence);
        var next = await feedAgain.IngestAsync(new MarketTick(DateTimeOffset.UtcNow.AddSeconds(1), 65_000m, 65_001m, 65_001m, 1m));
        Assert.True(next.Sequence > lastQuote.Sequence, $"{next.Sequence} after {lastQuote.Sequence}");
    }
}
