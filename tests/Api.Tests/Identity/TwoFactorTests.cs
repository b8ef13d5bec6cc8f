using System.Net;
using OtpNet;
using static Crucible.Api.Tests.Identity.IdentityClient;

namespace Crucible.Api.Tests.Identity;

/// <summary>The optional TOTP second factor, end to end (docs/identity.md "Second factor").</summary>
[Collection(ApiCollection.Name)]
public sealed class TwoFactorTests(CrucibleApiFactory factory)
{
    private readonly HttpClient anonymous = Anonymous(factory);

    /// <summary>A new user with the second factor on: their e-mail, client, TOTP generator and recovery codes.</summary>
    private async Task<(string Email, HttpClient Http, Totp Totp, string[] RecoveryCodes, string UserId)> EnrolledAsync()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        var enrol = await PostAsync(user.Http, "/api/v1/auth/2fa/enroll", new { });
        Assert.Equal(HttpStatusCode.OK, enrol.Status);
        var totp = new Totp(Base32Encoding.ToBytes(enrol.Text("secret")));
        var confirm = await PostAsync(user.Http, "/api/v1/auth/2fa/confirm", new { code = totp.ComputeTotp(DateTime.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        return (user.Email, user.Http, totp, [.. confirm.Body!["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>())], user.UserId);
    }

    /// <summary>
    /// The code of the step after the current one: the window accepts it, and it is later than the step the
    /// confirmation (or an earlier sign-in) spent, which a code of the current step may not be.
    /// </summary>
    private static string NextStepCode(Totp totp) => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30));

    [Fact]
    public async Task Enrolment_gives_a_base32_secret_and_an_otpauth_uri_for_crucible_and_the_email()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        var enrol = await PostAsync(user.Http, "/api/v1/auth/2fa/enroll", new { });

        Assert.Equal((32, 20), (enrol.Text("secret").Length, Base32Encoding.ToBytes(enrol.Text("secret")).Length));
        var uri = new Uri(enrol.Text("otpauthUri"));
        Assert.Equal(("otpauth", "totp"), (uri.Scheme, uri.Host));
        Assert.Equal($"/Crucible:{user.Email}", Uri.UnescapeDataString(uri.AbsolutePath));
        Assert.Contains($"secret={enrol.Text("secret")}", uri.Query);
        Assert.Contains("issuer=Crucible", uri.Query);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, "/api/v1/auth/2fa/enroll", new { })).Status);
    }

    [Fact]
    public async Task Once_enabled_login_needs_the_code_a_valid_code_signs_in_once_and_a_reused_code_fails()
    {
        var (email, http, totp, codes, userId) = await EnrolledAsync();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True((await GetAsync(http, "/api/v1/auth/me")).Body!["twoFactorEnabled"]!.GetValue<bool>());

        var passwordOnly = await LoginAsync(anonymous, email);
        var code = NextStepCode(totp);
        var withCode = await LoginAsync(anonymous, email, new { totpCode = code });
        var reused = await LoginAsync(anonymous, email, new { totpCode = code });

        Assert.Equal((HttpStatusCode.Unauthorized, "second_factor_required"), (passwordOnly.Status, passwordOnly.Code));
        Assert.Equal(HttpStatusCode.OK, withCode.Status);
        Assert.False(string.IsNullOrEmpty(withCode.Text("refreshToken")));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_second_factor"), (reused.Status, reused.Code));

        // The password-only attempt is a question, not a failure: it leaves no entry.
        var audit = await GetAsync((await TestUsers.AdminAsync(factory)).Http, $"/api/v1/admin/audit?userId={userId}");
        Assert.Equal(
            [("sign_in_failed", "second_factor"), ("sign_in", "password+totp"), ("2fa_enabled", null), ("register", null)],
            audit.Body!["entries"]!.AsArray().Select(e => (e!["action"]!.GetValue<string>(), e["detail"]?.GetValue<string>())));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_in_any_case_and_without_dashes()
    {
        var (email, _, _, codes, _) = await EnrolledAsync();

        var first = await LoginAsync(anonymous, email, new { recoveryCode = codes[3].Replace("-", "").ToLowerInvariant() });
        var again = await LoginAsync(anonymous, email, new { recoveryCode = codes[3] });
        var another = await LoginAsync(anonymous, email, new { recoveryCode = codes[4] });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_second_factor"), (again.Status, again.Code));
        Assert.Equal(HttpStatusCode.OK, another.Status);
    }

    [Fact]
    public async Task Wrong_second_factors_count_toward_lockout_the_fifth_locks_even_a_right_code_out()
    {
        var (email, _, totp, _, _) = await EnrolledAsync();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(anonymous, email, new { totpCode = WrongCode(totp) })).Status);

        var fifth = await LoginAsync(anonymous, email, new { recoveryCode = "AAAA-AAAA-AAAA-AAAA" });
        var right = await LoginAsync(anonymous, email, new { totpCode = NextStepCode(totp) });

        Assert.Equal((HttpStatusCode.Locked, HttpStatusCode.Locked), (fifth.Status, right.Status));
    }

    [Fact]
    public async Task Confirming_with_a_wrong_code_keeps_it_off_and_disabling_with_a_code_turns_it_off()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        Assert.Equal((HttpStatusCode.Conflict, "no_enrolment"), await StatusAndCode(PostAsync(user.Http, "/api/v1/auth/2fa/confirm", new { code = "123456" })));
        var totp = new Totp(Base32Encoding.ToBytes((await PostAsync(user.Http, "/api/v1/auth/2fa/enroll", new { })).Text("secret")));
        var wrong = WrongCode(totp);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_code"), await StatusAndCode(PostAsync(user.Http, "/api/v1/auth/2fa/confirm", new { code = wrong })));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(anonymous, user.Email)).Status);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(user.Http, "/api/v1/auth/2fa/confirm", new { code = totp.ComputeTotp(DateTime.UtcNow) })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(user.Http, "/api/v1/auth/2fa/enroll", new { })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(user.Http, "/api/v1/auth/2fa/disable", new { code = NextStepCode(totp) })).Status);

        var passwordOnly = await LoginAsync(anonymous, user.Email);
        Assert.Equal(HttpStatusCode.OK, passwordOnly.Status);
        Assert.False(passwordOnly.Body!["user"]!["twoFactorEnabled"]!.GetValue<bool>());
    }

    /// <summary>A six-digit code that none of the steps the window could accept around now has.</summary>
    private static string WrongCode(Totp totp)
    {
        var near = Enumerable.Range(-2, 5).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return new[] { "000000", "111111", "222222", "333333", "444444", "555555" }.First(code => !near.Contains(code));
    }

    private static async Task<(HttpStatusCode, string?)> StatusAndCode(Task<Answer> call)
    {
        var answer = await call;
        return (answer.Status, answer.Code);
    }
}
