using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Tests;

/// <summary>A paper account belongs to the user who opened it, for good; an id is never taken over.</summary>
[Collection(ApiCollection.Name)]
public sealed class PaperAccountOwnershipTests(CrucibleApiFactory factory)
{
    [Fact]
    public async Task The_opener_owns_the_account_and_another_user_can_neither_take_its_id_nor_see_it()
    {
        var ada = await TestUsers.NewTraderAsync(factory);
        var bob = await TestUsers.NewTraderAsync(factory);
        var id = "own-" + Guid.NewGuid().ToString("N")[..12];

        var opened = await ada.Http.PostAsJsonAsync("/api/v1/accounts", new { accountId = id, initialBalance = 10_000 });
        var taken = await bob.Http.PostAsJsonAsync("/api/v1/accounts", new { accountId = id, initialBalance = 99_999 });
        var again = await ada.Http.PostAsJsonAsync("/api/v1/accounts", new { accountId = id, initialBalance = 5_000 });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict), (opened.StatusCode, taken.StatusCode, again.StatusCode));
        Assert.Equal(10_000m, (decimal)(await ada.Http.GetFromJsonAsync<JsonNode>($"/api/v1/accounts/{id}"))!["initialBalance"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/v1/accounts/{id}")).StatusCode);
        Assert.Equal([id], (await ada.Http.GetFromJsonAsync<JsonArray>("/api/v1/accounts"))!.Select(a => (string)a!["id"]!));
        Assert.Empty((await bob.Http.GetFromJsonAsync<JsonArray>("/api/v1/accounts"))!);
    }

    [Fact]
    public async Task An_account_opened_through_the_grain_api_cannot_be_claimed_over_rest()
    {
        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        var id = "tool-" + Guid.NewGuid().ToString("N")[..12];
        await cluster.GetGrain<IPositionBookGrain>(id).OpenAsync(new OpenAccountRequest(50_000m, null));
        var mallory = await TestUsers.NewTraderAsync(factory);

        var claim = await mallory.Http.PostAsJsonAsync("/api/v1/accounts", new { accountId = id, initialBalance = 1_000 });

        Assert.Equal(HttpStatusCode.Conflict, claim.StatusCode);
        Assert.Null(await cluster.GetGrain<IAccountOwnerGrain>(id).GetOwnerAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await mallory.Http.GetAsync($"/api/v1/accounts/{id}")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_nothing_about_accounts_answers_but_401()
    {
        using var anonymous = new HttpClient { BaseAddress = factory.ServerAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/accounts", new { initialBalance = 1_000 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/accounts")).StatusCode);
    }
}
