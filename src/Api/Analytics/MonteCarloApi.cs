using System.Globalization;
using System.Security.Claims;
using System.Text;
using Crucible.Api.Challenges;
using Crucible.Api.Identity;
using Crucible.Api.Trading;
using Crucible.Grains.Analytics.MonteCarlo;
using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Analytics;

/// <summary>
/// Monte Carlo pass probability over REST (docs/monte-carlo.md): <c>GET …/monte-carlo</c> on an account or an
/// assessment resamples its own record through a plan phase's rules. A read: it changes nothing, and the same query
/// on the same record gives the same numbers (the seed defaults to 1). The run happens on a background thread of this
/// host; the request waits up to <c>wait</c> seconds (default 5) for it (200 with the result), else answers 202 with the progress
/// and a Location to ask again. The owner, evaluators and admins may ask; anyone else gets 404.
/// </summary>
public static class MonteCarloApi
{
    public const int DefaultPaths = 1_000;
    public const long DefaultSeed = 1;
    public const int DefaultHorizonDays = 30;
    public const int DefaultWaitSeconds = 5;
    public const int MaxWaitSeconds = 30;

    private static readonly string[] Parameters = ["paths", "seed", "method", "meanBlockLength", "horizonDays", "unit", "tradesPerDay", "phase", "wait"];

    public static IEndpointRouteBuilder MapMonteCarloApi(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var runs = new MonteCarloRuns(services.GetRequiredService<ILogger<MonteCarloRuns>>(), Math.Max(1, Environment.ProcessorCount / 2),
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);

        const string query = "Query: paths 1–100000 (default 1000), seed 0–2⁵³−1 (default 1), method block|iid (default block), " +
            "meanBlockLength 1–1000 (block only; default ⌈n^(1/3)⌉), horizonDays 1–1000 (default the phase's time limit, else 30), " +
            "unit days|trades (default days), tradesPerDay 1–100 (trades only; default the trader's own), " +
            "wait 0–30 seconds to wait for the result (default 5)";
        app.MapGet("/api/v1/accounts/{accountId}/monte-carlo",
                (string accountId, HttpRequest http, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster, CancellationToken ct) =>
                    AccountAsync(accountId, http, caller, access, cluster, runs, ct))
            .WithName("AccountMonteCarlo").WithTags("Monte Carlo").RequireAuthorization()
            .WithSummary("Pass probability of a plan phase by resampling the account's own trading days or closed trades through the phase's rules. " +
                query + ", planId and phase (the plan phase to run; default the account's own phase, or for a paper account the plan closest to its size, phase 0). " +
                "200 with the result, or 202 with progress and a Location to poll.")
            .Produces<MonteCarloReport>().Produces<MonteCarloReport>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status500InternalServerError);
        app.MapGet("/api/v1/assessments/{assessmentId}/monte-carlo",
                (string assessmentId, HttpRequest http, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster, CancellationToken ct) =>
                    AssessmentAsync(assessmentId, http, caller, access, cluster, runs, ct))
            .WithName("AssessmentMonteCarlo").WithTags("Monte Carlo").RequireAuthorization()
            .WithSummary("Pass probability of an assessment phase by resampling that phase account's own record through the phase's rules. " +
                query + ", phase (the plan phase index; default the current phase; its latest attempt's account is resampled). " +
                "200 with the result, or 202 with progress and a Location to poll.")
            .Produces<MonteCarloReport>().Produces<MonteCarloReport>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status500InternalServerError);
        return app;
    }

    private static async Task<IResult> AccountAsync(string accountId, HttpRequest http, ClaimsPrincipal caller, ResourceAccess access,
        IClusterClient cluster, MonteCarloRuns runs, CancellationToken ct)
    {
        if (await AccountsApi.RefuseAsync(accountId, caller, access, Access.Read) is { } refused)
            return refused;
        var (ask, errors) = Read(http.Query, allowPlan: true);
        if (errors.Count > 0)
            return TradingProblems.Validation(errors);
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        if (await book.GetAccountAsync() is not { } account)
            return TradingProblems.UnknownAccount(accountId);

        ChallengePlan? plan;
        var phase = ask.Phase;
        if (ask.PlanId is { } planId)
        {
            plan = await cluster.GetGrain<IPlanCatalogGrain>(0).FindAsync(planId);
            if (plan is null)
                return Invalid("planId", $"'{planId}' is not a plan of the catalog.");
        }
        else if (await book.GetEvaluationAsync() is { } evaluation
            && await cluster.GetGrain<IAssessmentGrain>(evaluation.AssessmentId).GetAsync() is { } assessment)
        {
            plan = await cluster.GetGrain<IPlanCatalogGrain>(0).FindAsync(assessment.PlanId);
            phase ??= evaluation.PhaseIndex;
        }
        else
        {
            // A paper account has no plan: the catalog's plan closest to its size (the first on a tie).
            plan = (await cluster.GetGrain<IPlanCatalogGrain>(0).GetAllAsync())
                .OrderBy(p => Math.Abs(p.AccountSize - account.InitialBalance)).FirstOrDefault();
        }
        if (plan is null)
            return TypedResults.Problem(title: "No plan", detail: "No plan of the catalog applies to this account.", statusCode: StatusCodes.Status422UnprocessableEntity);
        return await RunAsync(http, book, account, plan, phase ?? 0, ask, runs, ct);
    }

    private static async Task<IResult> AssessmentAsync(string assessmentId, HttpRequest http, ClaimsPrincipal caller, ResourceAccess access,
        IClusterClient cluster, MonteCarloRuns runs, CancellationToken ct)
    {
        if (!AssessmentIds.IsValid(assessmentId))
            return AssessmentProblems.InvalidId(assessmentId);
        if (await access.AssessmentAsync(caller, assessmentId) == Access.Hidden
            || await cluster.GetGrain<IAssessmentGrain>(assessmentId).GetAsync() is not { } assessment)
            return AssessmentProblems.UnknownAssessment(assessmentId);
        var (ask, errors) = Read(http.Query, allowPlan: false);
        if (errors.Count > 0)
            return TradingProblems.Validation(errors);
        var traded = ask.Phase is { } index ? assessment.Phases.LastOrDefault(p => p.PhaseIndex == index) : assessment.CurrentPhase;
        if (traded is null)
            return ask.Phase is null
                ? TypedResults.Problem(title: "Nothing traded yet", detail: "The assessment has no phase account yet.", statusCode: StatusCodes.Status422UnprocessableEntity)
                : Invalid("phase", $"the assessment has not reached phase {ask.Phase}.");
        var plan = await cluster.GetGrain<IPlanCatalogGrain>(0).FindAsync(assessment.PlanId);
        var book = cluster.GetGrain<IPositionBookGrain>(traded.AccountId);
        if (plan is null || await book.GetAccountAsync() is not { } account)
            return TypedResults.Problem(title: "Not available", detail: "The assessment's plan or phase account is not available.", statusCode: StatusCodes.Status422UnprocessableEntity);
        return await RunAsync(http, book, account, plan, traded.PhaseIndex, ask, runs, ct);
    }

    private static async Task<IResult> RunAsync(HttpRequest http, IPositionBookGrain book, AccountSnapshot account, ChallengePlan plan, int phase,
        Ask ask, MonteCarloRuns runs, CancellationToken ct)
    {
        var rules = phase < plan.Phases.Count ? plan.Phases[phase] : phase == plan.Phases.Count ? plan.Funded : null;
        if (rules is null)
            return Invalid("phase", $"plan '{plan.Id}' has phases 0–{plan.Phases.Count - 1}{(plan.Funded is null ? "" : $" and the funded stage {plan.Phases.Count}")}.");

        var clock = new TradingDayClock(rules.TimeZone, rules.ResetTime);
        var fills = await book.GetFillsAsync();
        MonteCarloSource source;
        if (ask.Unit == ResampleUnit.Trades)
        {
            var trades = ClosedTradeResults.FromFills(fills);
            source = MonteCarloSource.OfTrades(rules, plan.AccountSize, [.. trades.Select(t => t.NetPnl)],
                ask.TradesPerDay ?? ClosedTradeResults.TradesPerDay(trades, clock));
        }
        else
        {
            var samples = await book.GetEquitySamplesAsync();
            var days = samples.Count > 0 ? TradingDayRecord.FromSamples(samples, fills, clock, account.InitialBalance) : TradingDayRecord.FromFills(fills, clock);
            source = MonteCarloSource.OfDays(rules, plan.AccountSize, days);
        }
        if (source.Count == 0)
            return TypedResults.Problem(title: "Nothing to resample",
                detail: ask.Unit == ResampleUnit.Trades ? "The account has no closed trade yet." : "The account has no trading day yet.",
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?> { ["field"] = "unit" });

        var settings = new MonteCarloSettings(ask.Paths, ask.Seed, ask.Method, ask.MeanBlockLength, ask.HorizonDays ?? rules.TimeLimitDays ?? DefaultHorizonDays);
        var location = Location(http, plan, phase, ask, settings, source);
        var run = runs.GetOrStart($"{location}#{Fingerprint(source)}", source, settings);
        if (ask.WaitSeconds > 0) await Task.WhenAny(run.Completion, Task.Delay(TimeSpan.FromSeconds(ask.WaitSeconds), ct));

        MonteCarloReport Report(string status, MonteCarloResult? result, string? error) => new(
            status, settings.Paths, result is null ? run.CompletedPaths : settings.Paths, location, account.Id, plan.Id, phase, rules.Name,
            plan.AccountSize, source.Unit, source.Count, result, error);
        if (run.Completion.IsCompletedSuccessfully)
            return TypedResults.Ok(Report("completed", run.Completion.Result, null));
        if (run.Completion.IsFaulted)
            return TypedResults.Problem(title: "Monte Carlo run failed", detail: run.Completion.Exception?.GetBaseException().Message,
                statusCode: StatusCodes.Status500InternalServerError);
        return TypedResults.Accepted(location, Report(run.IsStarted ? "running" : "queued", null, null));
    }

    /// <summary>The request with every default filled in (so the seed is always there): the run's address and key.</summary>
    private static string Location(HttpRequest http, ChallengePlan plan, int phase, Ask ask, MonteCarloSettings settings, MonteCarloSource source)
    {
        var text = new StringBuilder(http.Path.Value).Append(CultureInfo.InvariantCulture,
            $"?paths={settings.Paths}&seed={settings.Seed}&method={Snake(settings.Method)}&horizonDays={settings.HorizonDays}&unit={Snake(source.Unit)}");
        if (settings.MeanBlockLength is { } length) text.Append(CultureInfo.InvariantCulture, $"&meanBlockLength={length:R}");
        if (source.Unit == ResampleUnit.Trades) text.Append(CultureInfo.InvariantCulture, $"&tradesPerDay={source.TradesPerDay}");
        if (ask.PlanId is not null) text.Append("&planId=").Append(Uri.EscapeDataString(plan.Id));
        text.Append(CultureInfo.InvariantCulture, $"&phase={phase}");
        return text.ToString();
    }

    /// <summary>What the record was when the run started: a trade or day more starts a new run, the same record reuses it.</summary>
    private static string Fingerprint(MonteCarloSource source)
    {
        var hash = new HashCode();
        foreach (var day in source.Days) hash.Add(day);
        foreach (var trade in source.Trades) hash.Add(trade);
        return $"{source.Count}:{hash.ToHashCode():x8}";
    }

    private static string Snake<TEnum>(TEnum value) where TEnum : struct, Enum => FieldReader.SnakeCase(value.ToString());

    private static IResult Invalid(string field, string message) =>
        TradingProblems.Validation(new Dictionary<string, string[]> { [field] = [message] });

    private sealed record Ask(int Paths, long Seed, ResampleMethod Method, double? MeanBlockLength, int? HorizonDays, ResampleUnit Unit,
        int? TradesPerDay, string? PlanId, int? Phase, int WaitSeconds);

    private static (Ask Ask, Dictionary<string, string[]> Errors) Read(IQueryCollection q, bool allowPlan)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in q.Keys)
        {
            if (!Parameters.Contains(key) && !(allowPlan && key == "planId"))
                errors[key] = ["is not a parameter of this request."];
            else if (q[key].Count > 1)
                errors[key] = ["must be given once."];
        }
        var paths = Whole(q, "paths", 1, MonteCarloSettings.MaxPaths, errors) ?? DefaultPaths;
        var seed = Whole(q, "seed", 0, MonteCarloSettings.MaxSeed, errors) ?? DefaultSeed;
        var method = Choice<ResampleMethod>(q, "method", errors) ?? ResampleMethod.Block;
        var unit = Choice<ResampleUnit>(q, "unit", errors) ?? ResampleUnit.Days;
        double? blockLength = null;
        if (q.TryGetValue("meanBlockLength", out var lengthText) && !errors.ContainsKey("meanBlockLength"))
        {
            if (!double.TryParse(lengthText, NumberStyles.Float, CultureInfo.InvariantCulture, out var length) || !double.IsFinite(length) || length is < 1 or > 1000)
                errors["meanBlockLength"] = ["must be a number from 1 to 1000."];
            else if (method != ResampleMethod.Block)
                errors["meanBlockLength"] = ["applies only to method=block."];
            else blockLength = length;
        }
        var horizon = (int?)Whole(q, "horizonDays", 1, MonteCarloSettings.MaxHorizonDays, errors);
        var perDay = (int?)Whole(q, "tradesPerDay", 1, MonteCarloSource.MaxTradesPerDay, errors);
        if (perDay is not null && unit != ResampleUnit.Trades)
            errors["tradesPerDay"] = ["applies only to unit=trades."];
        var phase = (int?)Whole(q, "phase", 0, 9, errors);
        var wait = (int?)Whole(q, "wait", 0, MaxWaitSeconds, errors) ?? DefaultWaitSeconds;
        string? planId = null;
        if (allowPlan && q.TryGetValue("planId", out var planText) && !errors.ContainsKey("planId"))
        {
            planId = planText.ToString();
            if (planId.Length is 0 or > 64)
                errors["planId"] = ["must be 1–64 characters."];
        }
        return (new Ask((int)paths, seed, method, blockLength, horizon, unit, perDay, planId, phase, wait), errors);
    }

    private static long? Whole(IQueryCollection q, string name, long min, long max, Dictionary<string, string[]> errors)
    {
        if (!q.TryGetValue(name, out var text) || errors.ContainsKey(name))
            return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors[name] = [$"must be a whole number from {min} to {max}."];
        return null;
    }

    private static TEnum? Choice<TEnum>(IQueryCollection q, string name, Dictionary<string, string[]> errors) where TEnum : struct, Enum
    {
        if (!q.TryGetValue(name, out var text) || errors.ContainsKey(name))
            return null;
        foreach (var value in Enum.GetValues<TEnum>())
            if (Snake(value) == text.ToString())
                return value;
        errors[name] = [$"'{text}' is not one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(Snake))}."];
        return null;
    }
}
