using System.Net;
using static Crucible.Api.Tests.Identity.IdentityClient;

namespace Crucible.Api.Tests.Identity;

/// <summary>Users, roles and the audit log for admins (docs/identity.md "Admin", "Audit log").</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminApiTests(CrucibleApiFactory factory)
{
    private readonly HttpClient anonymous = Anonymous(factory);

    [Fact]
    public async Task Admin_endpoints_are_401_anonymous_403_for_a_trader_or_evaluator_and_200_for_an_admin()
    {
        var trader = await TestUsers.NewTraderAsync(factory);
        var evaluator = await TestUsers.EvaluatorAsync(factory);
        var admin = await TestUsers.AdminAsync(factory);
        string[] paths = ["/api/v1/admin/users", $"/api/v1/admin/users/{trader.UserId}", "/api/v1/admin/audit"];

        foreach (var path in paths)
        {
            var seen = ((await GetAsync(anonymous, path)).Status, (await GetAsync(trader.Http, path)).Status, (await GetAsync(evaluator.Http, path)).Status, (await GetAsync(admin.Http, path)).Status);
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK), seen);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(trader.Http, $"/api/v1/admin/users/{trader.UserId}/roles", new { roles = new[] { "admin" } })).Status);
    }

    [Fact]
    public async Task Users_page_two_at_a_time_in_id_order_without_repeats_and_every_new_user_is_listed()
    {
        var admin = await TestUsers.AdminAsync(factory);
        var mine = new[] { await TestUsers.NewTraderAsync(factory), await TestUsers.NewTraderAsync(factory), await TestUsers.NewTraderAsync(factory) };

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await GetAsync(admin.Http, $"/api/v1/admin/users?limit=2{(after is null ? "" : $"&after={after}")}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var ids = page.Body!["users"]!.AsArray().Select(u => u!["userId"]!.GetValue<string>()).ToList();
            after = page.Body["next"]?.GetValue<string>();
            // Every page but the last is full, and its next is its last id.
            if (after is not null) Assert.Equal((2, ids[^1]), (ids.Count, after));
            seen.AddRange(ids);
            pages++;
        }
        while (after is not null);

        // At least the admin and these three: four users, so two pages at least.
        Assert.True(pages >= 2, $"{pages} page(s) for {seen.Count} users");
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(mine, user => Assert.Contains(user.UserId, seen));
        var one = await GetAsync(admin.Http, $"/api/v1/admin/users/{mine[0].UserId}");
        Assert.Equal((mine[0].Email, 0), (one.Body!["user"]!["email"]!.GetValue<string>(), one.Body["accounts"]!.AsArray().Count));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(admin.Http, $"/api/v1/admin/users/u-{Guid.NewGuid():N}")).Status);
    }

    [Fact]
    public async Task A_role_change_reaches_the_users_token_at_their_next_sign_in_and_is_audited()
    {
        var admin = await TestUsers.AdminAsync(factory);
        var trader = await TestUsers.NewTraderAsync(factory);

        var changed = await PutAsync(admin.Http, $"/api/v1/admin/users/{trader.UserId}/roles", new { roles = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(["trader", "admin"], changed.Body!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        // The old token still carries only trader.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(trader.Http, "/api/v1/admin/users")).Status);

        var relogin = await LoginAsync(anonymous, trader.Email);
        var http = Bearer(factory, relogin.Text("accessToken"));
        var me = await GetAsync(http, "/api/v1/auth/me");
        Assert.Equal(["trader", "admin"], me.Body!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/api/v1/admin/users")).Status);

        var audit = await GetAsync(admin.Http, $"/api/v1/admin/audit?action=roles_changed&userId={admin.UserId}");
        var entry = audit.Body!["entries"]!.AsArray().Single(e => e!["target"]!.GetValue<string>() == trader.UserId)!;
        Assert.Equal("trader -> trader,admin", entry["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Roles_must_be_known_names_the_user_must_exist_and_an_admin_keeps_their_own_admin_role()
    {
        var admin = await TestUsers.AdminAsync(factory);
        var trader = await TestUsers.NewTraderAsync(factory);

        var unknownRole = await PutAsync(admin.Http, $"/api/v1/admin/users/{trader.UserId}/roles", new { roles = new[] { "evaluator", "root" } });
        var unknownUser = await PutAsync(admin.Http, $"/api/v1/admin/users/u-{Guid.NewGuid():N}/roles", new { roles = new[] { "evaluator" } });
        var ownRole = await PutAsync(admin.Http, $"/api/v1/admin/users/{admin.UserId}/roles", new { roles = new[] { "evaluator" } });

        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.Status);
        Assert.NotNull(unknownRole.Body!["errors"]!["roles[1]"]);
        Assert.Null(unknownRole.Body["errors"]!["roles[0]"]);
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.Status);
        Assert.Equal((HttpStatusCode.Conflict, "own_admin_role"), (ownRole.Status, ownRole.Code));
        Assert.Equal(["trader"], (await GetAsync(trader.Http, "/api/v1/auth/me")).Body!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task The_audit_log_shows_an_admin_a_users_registration_failed_and_good_sign_in_newest_first()
    {
        var admin = await TestUsers.AdminAsync(factory);
        var trader = await TestUsers.NewTraderAsync(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, "/api/v1/auth/login", new { email = trader.Email, password = "wrong password 1" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(anonymous, trader.Email)).Status);

        var audit = await GetAsync(admin.Http, $"/api/v1/admin/audit?userId={trader.UserId}");

        Assert.Equal(HttpStatusCode.OK, audit.Status);
        var entries = audit.Body!["entries"]!.AsArray()
            .Select(e => (e!["action"]!.GetValue<string>(), e["outcome"]!.GetValue<string>(), e["detail"]?.GetValue<string>()))
            .ToList();
        Assert.Equal([("sign_in", "succeeded", "password"), ("sign_in_failed", "failed", "wrong_password"), ("register", "succeeded", null)], entries);
    }

    [Fact]
    public async Task The_audit_range_is_at_most_31_days_and_to_is_not_before_from()
    {
        var admin = await TestUsers.AdminAsync(factory);

        var tooLong = await GetAsync(admin.Http, "/api/v1/admin/audit?from=2026-01-01&to=2026-02-01");
        var longest = await GetAsync(admin.Http, "/api/v1/admin/audit?from=2026-01-01&to=2026-01-31");
        var backwards = await GetAsync(admin.Http, "/api/v1/admin/audit?from=2026-01-02&to=2026-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.NotNull(tooLong.Body!["errors"]!["from"]);
        Assert.Equal(HttpStatusCode.OK, longest.Status);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.Status);
        Assert.NotNull(backwards.Body!["errors"]!["to"]);
    }
}
