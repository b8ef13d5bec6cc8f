using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>The evaluator console's steps (src/Api/wwwroot/evaluator.html), and quick set-up over REST for what the tests do not watch.</summary>
public static class EvaluatorConsole
{
    public const string Password = "correct horse 9 battery";

    /// <summary>Registers the user over REST (once per host: a second register is 409 and is fine) and returns their access token.</summary>
    public static async Task<(string UserId, string AccessToken)> EnsureUserAsync(BrowserFixture fixture, string email)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var registered = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        var signIn = registered.IsSuccessStatusCode
            ? registered
            : await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        var body = (await signIn.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(signIn.IsSuccessStatusCode, body.ToJsonString());
        return ((string)body["user"]!["userId"]!, (string)body["accessToken"]!);
    }

    /// <summary>Opens the console at <paramref name="hash"/> and signs in through its form as <paramref name="email"/>.</summary>
    public static async Task SignInAsync(DashboardPage console, string email, string hash = "#/assessments")
    {
        await EnsureUserAsync(console.Fixture, email);
        var page = console.Page;
        await page.GotoAsync("/evaluator.html" + hash);
        await Expect(page.Locator("body[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = DashboardPage.Timeout });
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync(email, new() { Timeout = DashboardPage.Timeout });
    }

    /// <summary>The table has loaded and follows the evaluators' feed.</summary>
    public static Task WaitTableLiveAsync(IPage page) =>
        Expect(page.Locator(".view[data-live=true]")).ToBeAttachedAsync(new() { Timeout = DashboardPage.Timeout });

    /// <summary>A trader who bought <paramref name="planId"/> over REST; returns the assessment's id.</summary>
    public static async Task<string> BuyOverRestAsync(BrowserFixture fixture, string planId)
    {
        var (_, token) = await EnsureUserAsync(fixture, $"trader-{Guid.NewGuid():N}@example.com");
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var response = await http.PostAsJsonAsync("/api/v1/assessments", new { planId, paymentToken = "tok_visa" });
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return (string)body["id"]!;
    }

    /// <summary>No element is wider than the screen (nothing scrolls sideways but the tables' own scroll boxes).</summary>
    public static async Task AssertFitsAsync(IPage page, int width)
    {
        // Charts follow a resize a frame or two later (a ResizeObserver): give the layout a moment to settle.
        try
        {
            await page.WaitForFunctionAsync("w => document.documentElement.scrollWidth <= w", width, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        // The offenders: elements whose right edge is past the screen and that are not inside a scroll box.
        var wide = scrollWidth <= width ? "" : await page.EvaluateAsync<string>("""
            w => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > w && (!e.parentElement.closest('.scroll')))
              .slice(0, 8).map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).join('; ')
            """, width);
        Assert.True(scrollWidth <= width, $"the page is {scrollWidth} px wide, more than {width} px: {wide}");
    }
}
