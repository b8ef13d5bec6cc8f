using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Crucible.Browser.Tests;

/// <summary>The Security screen: enrol a TOTP second factor with a real code, then sign in with it; turn it off.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecondFactorTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Enrol_with_a_real_code_then_sign_in_asks_for_it_refuses_a_wrong_one_and_accepts_the_real_one()
    {
        await using var dashboard = await fixture.OpenAsync();
        var page = dashboard.Page;
        var email = await dashboard.RegisterAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await Expect(page.Locator("#two-factor-state")).ToHaveAttributeAsync("data-state", "off", new() { Timeout = DashboardPage.Timeout });
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up a second factor" }).ClickAsync();
        var secret = (await page.Locator("#totp-secret").TextContentAsync(new() { Timeout = DashboardPage.Timeout }))!.Trim();
        await Expect(page.Locator("#totp-uri")).ToContainTextAsync($"secret={secret}");
        var totp = new Totp(Base32Encoding.ToBytes(secret));

        // A wrong code: the server's 400 under the code field, and the second factor stays off.
        var now = DateTime.UtcNow;
        await page.GetByLabel("6-digit code from your app").FillAsync(WrongCode(totp, now));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(page.Locator("[data-error-for=code]")).Not.ToBeEmptyAsync(new() { Timeout = DashboardPage.Timeout });
        await Expect(page.GetByLabel("6-digit code from your app")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("6-digit code from your app").FillAsync(totp.ComputeTotp(now));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        var codes = page.Locator("#recovery-codes li");
        await Expect(codes).ToHaveCountAsync(10, new() { Timeout = DashboardPage.Timeout });
        var recoveryCode = (await codes.First.TextContentAsync())!.Trim();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("correct horse 9 battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var codeField = page.GetByLabel("Authenticator code or recovery code");
        await Expect(codeField).ToBeVisibleAsync(new() { Timeout = DashboardPage.Timeout });

        await codeField.FillAsync(WrongCode(totp, DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("[data-error-for=totpCode]")).Not.ToBeEmptyAsync(new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#who")).Not.ToContainTextAsync(email);

        // Each step's code is accepted once and confirming spent this step's: the next step's code (the server
        // accepts one step either side) signs in without waiting 30 s.
        await codeField.FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No account yet" })).ToBeVisibleAsync(new() { Timeout = DashboardPage.Timeout });
        await Expect(page.Locator("#who")).ToContainTextAsync(email);

        // Turning it off takes a code too: a recovery code shown at enrolment.
        await page.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await Expect(page.Locator("#two-factor-state")).ToHaveAttributeAsync("data-state", "on", new() { Timeout = DashboardPage.Timeout });
        await page.GetByLabel("Code from your app, or a recovery code").FillAsync(recoveryCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off" }).ClickAsync();
        await Expect(page.Locator("#two-factor-state")).ToHaveAttributeAsync("data-state", "off", new() { Timeout = DashboardPage.Timeout });
        // The refused codes (400, 401) are the browser's only complaints.
        Assert.DoesNotContain(dashboard.ConsoleErrors, e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));
    }

    /// <summary>A 6-digit code that is none of the codes the server accepts now (this step and one either side).</summary>
    private static string WrongCode(Totp totp, DateTime at)
    {
        var valid = new[] { -30, 0, 30, 60 }.Select(s => totp.ComputeTotp(at.AddSeconds(s))).ToHashSet();
        for (var n = 0; ; n++)
        {
            var candidate = n.ToString("D6");
            if (!valid.Contains(candidate)) return candidate;
        }
    }
}
