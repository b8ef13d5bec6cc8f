using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>The evaluator console: the live assessments table, the audit page, decisions with a reason, the role gate.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluatorConsoleTests(BrowserFixture fixture)
{
    private const string Ext = BrowserHostFactory.ExternalSymbol;
    private static readonly LocatorAssertionsToHaveAttributeOptions Wait = new() { Timeout = DashboardPage.Timeout };

    /// <summary>
    /// tiny-daily-loss: $10,000, hard daily loss $100 (floor 9,900.00). The trader buys 1 TEST-EXT (multiplier 50,
    /// commission 2.25) at the ask 100.25: balance 9,997.75. The bid 98.00: equity 9,997.75 − 2.25 × 50 = 9,885.25 &lt;
    /// 9,900.00, a breach on that tick.
    /// </summary>
    [Fact]
    public async Task The_evaluator_sees_a_breach_fail_the_assessment_live_in_the_table_and_finds_it_in_the_audit_with_its_tick_and_equity()
    {
        await using var trader = await fixture.OpenAsync();
        await fixture.Host.QuoteAsync(100.00m, 100.25m);
        await trader.RegisterAsync();
        await trader.BuyPlanAsync(BrowserHostFactory.TinyLossPlan);
        await trader.SelectSymbolAsync(Ext);
        var account = (await trader.Page.Locator(".view[data-account]").GetAttributeAsync("data-account"))!;
        var assessmentId = account[..account.LastIndexOf("-a1-p1", StringComparison.Ordinal)];
        await trader.Page.GetByRole(AriaRole.Button, new() { Name = $"Buy {Ext}" }).ClickAsync();
        await Expect(trader.Page.Locator($"#positions tr[data-symbol='{Ext}']")).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });

        // The evaluator, in a second browser context, filters the table to the plan and sees the assessment active.
        await using var evaluator = await fixture.OpenAsync();
        var page = evaluator.Page;
        await EvaluatorConsole.SignInAsync(evaluator, BrowserHostFactory.Evaluators[0], $"#/assessments?planId={BrowserHostFactory.TinyLossPlan}");
        await EvaluatorConsole.WaitTableLiveAsync(page);
        var status = page.Locator($"tr[data-assessment='{assessmentId}'] [data-field=status]");
        await Expect(status).ToHaveAttributeAsync("data-status", "active", Wait);
        await page.EvaluateAsync("window.notReloaded = true");

        var breachTick = await fixture.Host.QuoteAsync(98.00m, 98.25m);

        // Live, without a reload: the row turns failed.
        await Expect(status).ToHaveAttributeAsync("data-status", "failed", Wait);
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"));
        await evaluator.ScreenshotAsync("evaluator-assessments-desktop");

        // The audit: the breach on its tick, with the equity and the floor it crossed.
        await page.Locator($"tr[data-assessment='{assessmentId}'] a").ClickAsync();
        var breach = page.Locator("#timeline tr[data-rule-kind=breach]");
        await Expect(breach).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        await Expect(breach.Locator("[data-field=tick]")).ToHaveTextAsync($"#{breachTick.Sequence}");
        await Expect(breach.Locator("[data-field=equity]")).ToHaveTextAsync("9,885.25");
        await Expect(breach.Locator("[data-field=dailyFloor]")).ToHaveTextAsync("9,900.00");
        await Expect(breach.Locator("[data-field=quote]")).ToHaveTextAsync("98.00 / 98.25");
        await Expect(breach).ToContainTextAsync("daily loss");
        await Expect(page.Locator("#audit-status")).ToHaveAttributeAsync("data-status", "failed", Wait);
        // The trader's buy and the book's liquidation are fills on the same time line, to the tick size.
        var fills = page.Locator("#timeline tr[data-kind=fill]");
        await Expect(fills).ToHaveCountAsync(2);
        await Expect(fills.Nth(0).Locator("[data-field=price]")).ToContainTextAsync("100.25");
        await Expect(fills.Nth(1).Locator("[data-field=price]")).ToContainTextAsync("98.00");
        await Expect(page.Locator(".equity-chart")).Not.ToHaveAttributeAsync("data-points", "0");
        await evaluator.ScreenshotAsync("evaluator-audit-desktop");

        await page.SetViewportSizeAsync(390, 844);
        await Expect(breach).ToBeVisibleAsync();
        await EvaluatorConsole.AssertFitsAsync(page, 390);
        await evaluator.ScreenshotAsync("evaluator-audit-phone");
        Assert.Empty(evaluator.ConsoleErrors);
    }

    [Fact]
    public async Task A_decision_without_a_reason_shows_the_field_error_and_with_one_changes_the_status()
    {
        var assessmentId = await EvaluatorConsole.BuyOverRestAsync(fixture, BrowserHostFactory.TinyLossPlan);
        await using var evaluator = await fixture.OpenAsync();
        var page = evaluator.Page;
        await EvaluatorConsole.SignInAsync(evaluator, BrowserHostFactory.Evaluators[1], $"#/audit/{assessmentId}");
        var status = page.Locator("#audit-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "active", Wait);
        await evaluator.WaitLiveAsync();
        var decision = page.Locator("#decision");
        var reason = decision.GetByLabel("Reason");
        var reasonError = decision.Locator("[data-error-for=reason]");

        // No reason: the server's 400 names the field; it is shown under it and nothing changes.
        foreach (var action in new[] { "Pass", "Fail" })
        {
            var refused = await page.RunAndWaitForResponseAsync(
                () => decision.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync(),
                r => r.Url.EndsWith($"/{action.ToLowerInvariant()}", StringComparison.Ordinal));
            Assert.Equal(400, refused.Status);
            await Expect(reasonError).ToContainTextAsync("required", new() { Timeout = DashboardPage.Timeout });
            await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        }
        Assert.Equal("active", await status.GetAttributeAsync("data-status"));

        // With a reason: failed, and the history records who and why.
        await reason.FillAsync("copy trading across accounts");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Fail", Exact = true }).ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "failed", Wait);
        await Expect(reasonError).ToBeEmptyAsync();
        await Expect(page.Locator("#transitions tr[data-cause=evaluator_failed]")).ToContainTextAsync("copy trading across accounts", new() { Timeout = DashboardPage.Timeout });
        // The rule event the decision wrote is on the time line too.
        await Expect(page.Locator("#timeline tr[data-rule-kind=decided]")).ToContainTextAsync("copy trading", new() { Timeout = DashboardPage.Timeout });

        // A reset with a reason starts attempt 2, and a pass with a reason passes its one phase.
        await reason.FillAsync("appeal granted");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Reset", Exact = true }).ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "active", Wait);
        await reason.FillAsync("met the target on review");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Pass", Exact = true }).ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "passed", Wait);
        // Extending a passed assessment is refused by the server (409): its message shows under the form.
        await reason.FillAsync("more time");
        await decision.GetByLabel("Days to extend").FillAsync("5");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Extend", Exact = true }).ClickAsync();
        await Expect(decision.Locator(".form-error")).Not.ToBeEmptyAsync(new() { Timeout = DashboardPage.Timeout });
        // The browser logs each refused request (400, 409) itself; nothing else went wrong.
        Assert.DoesNotContain(evaluator.ConsoleErrors, e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trader_is_told_the_console_is_not_for_them_and_an_evaluator_reads_the_leaderboard()
    {
        await using var trader = await fixture.OpenAsync();
        var email = $"trader-{Guid.NewGuid():N}@example.com";
        await EvaluatorConsole.SignInAsync(trader, email);
        await Expect(trader.Page.Locator("[data-not-allowed]")).ToContainTextAsync("evaluator or admin role", new() { Timeout = DashboardPage.Timeout });
        await Expect(trader.Page.Locator("#assessments-body")).ToHaveCountAsync(0);

        var assessmentId = await EvaluatorConsole.BuyOverRestAsync(fixture, BrowserHostFactory.TinyLossPlan);
        await using var evaluator = await fixture.OpenAsync(390, 844);
        await EvaluatorConsole.SignInAsync(evaluator, BrowserHostFactory.Evaluators[2], "#/leaderboard?by=return");
        var entry = evaluator.Page.Locator($"#leaderboard tr[data-assessment='{assessmentId}']");
        await Expect(entry).ToHaveCountAsync(1, new() { Timeout = DashboardPage.Timeout });
        await Expect(entry).ToContainTextAsync("10,000.00");
        await EvaluatorConsole.AssertFitsAsync(evaluator.Page, 390);
        await evaluator.Page.GotoAsync("/evaluator.html#/assessments");
        await EvaluatorConsole.WaitTableLiveAsync(evaluator.Page);
        await EvaluatorConsole.AssertFitsAsync(evaluator.Page, 390);
        await evaluator.ScreenshotAsync("evaluator-assessments-phone");
        // The trader dashboard links evaluators to their console.
        await evaluator.GotoAsync("#/markets");
        await Expect(evaluator.Page.GetByRole(AriaRole.Link, new() { Name = "Evaluator console" })).ToHaveAttributeAsync("href", "/evaluator.html#/assessments");
        await trader.GotoAsync("#/markets");
        await Expect(trader.Page.Locator("#who")).ToContainTextAsync(email, new() { Timeout = DashboardPage.Timeout });
        await Expect(trader.Page.GetByRole(AriaRole.Link, new() { Name = "Evaluator console" })).ToHaveCountAsync(0);
        Assert.Empty(evaluator.ConsoleErrors);
    }

    [Fact]
    public async Task After_the_server_drops_the_connection_the_table_reconnects_and_shows_the_status_that_changed_meanwhile()
    {
        var assessmentId = await EvaluatorConsole.BuyOverRestAsync(fixture, BrowserHostFactory.TinyLossPlan);
        await using var evaluator = await fixture.OpenAsync();
        var page = evaluator.Page;
        var email = BrowserHostFactory.Evaluators[3];
        await EvaluatorConsole.SignInAsync(evaluator, email, $"#/assessments?planId={BrowserHostFactory.TinyLossPlan}");
        await EvaluatorConsole.WaitTableLiveAsync(page);
        var status = page.Locator($"tr[data-assessment='{assessmentId}'] [data-field=status]");
        await Expect(status).ToHaveAttributeAsync("data-status", "active", Wait);
        await evaluator.WaitLiveAsync();

        // While the page is cut off, another evaluator fails the assessment: the feed's event never reaches the page.
        Assert.True(fixture.Host.Dropper.DropAll(TimeSpan.FromSeconds(4)) > 0);
        await Expect(page.Locator("#connection")).Not.ToHaveAttributeAsync("data-state", "live", Wait);
        var (_, token) = await EvaluatorConsole.EnsureUserAsync(fixture, BrowserHostFactory.Evaluators[0]);
        using (var http = new HttpClient { BaseAddress = fixture.BaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var failed = await http.PostAsJsonAsync($"/api/v1/assessments/{assessmentId}/fail", new { reason = "decided while the page was away" });
            Assert.True(failed.IsSuccessStatusCode, await failed.Content.ReadAsStringAsync());
        }
        Assert.Equal("active", await status.GetAttributeAsync("data-status"));

        // Back live, the page rereads the table from REST.
        await evaluator.WaitLiveAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "failed", Wait);
        Assert.True(await page.EvaluateAsync<int>("window.crucible.stats.resyncs") > 0);
    }
}
