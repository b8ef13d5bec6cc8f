using System.Security.Claims;
using Crucible.Api.Challenges;
using Crucible.Api.Identity;
using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Crucible.Grains.Analytics;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Ledger;
using Crucible.Hosting;
using Crucible.Persistence.Ledger;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crucible.Api.Analytics;

/// <summary>
/// Trades, statistics, equity history and reports of an account or an assessment (docs/statistics.md). Every route needs
/// a signed-in caller; a trader reads only their own (another's answers 404, like an unknown id), evaluators and admins
/// read any. Reports answer JSON, or CSV or a printable HTML page with <c>?format=csv|html</c>.
/// </summary>
public static class AnalyticsApi
{
    public sealed record AssessmentTrades(string AssessmentId, IReadOnlyList<TradeHistoryReport.Account> Accounts);

    public sealed record AssessmentStatistics(string AssessmentId, IReadOnlyList<PerformanceReport.Account> Accounts);

    public sealed record EquityHistoryView(string AccountId, string Label, string Resolution, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<EquityBar> Bars);

    public sealed record AssessmentEquity(string AssessmentId, IReadOnlyList<EquityHistoryView> Accounts);

    private static readonly string[] Period = ["from", "to"];

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var handlers = new Handlers(
            new AnalyticsSource(services.GetRequiredService<IClusterClient>(), LedgerReaderOf(services), services.GetRequiredService<InstrumentDirectory>(),
                services.GetRequiredService<TimeProvider>()),
            new ReportResponse(services.GetRequiredService<IOptions<JsonOptions>>()));

        var accounts = app.MapGroup("/api/v1/accounts/{accountId}").WithTags("Analytics").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        accounts.MapGet("/trades", handlers.AccountTradesAsync).WithName("GetAccountTrades")
            .WithSummary("Round-trip trades (FIFO per symbol) that closed in [from, to), and the lots still open.").Produces<TradeHistoryReport.Account>();
        accounts.MapGet("/statistics", handlers.AccountStatisticsAsync).WithName("GetAccountStatistics")
            .WithSummary("Statistics over [from, to) (ISO 8601; default: the whole account).").Produces<PerformanceReport.Account>();
        accounts.MapGet("/equity", handlers.AccountEquityAsync).WithName("GetAccountEquity")
            .WithSummary("Equity OHLC per bucket (resolution=1m|1h|1d, default 1h) with the loss floors at each close.").Produces<EquityHistoryView>();
        foreach (var kind in new[] { "trades", "performance", "risk" })
            accounts.MapGet($"/reports/{kind}", (string accountId, HttpContext http, ResourceAccess access, CancellationToken ct) =>
                    handlers.AccountReportAsync(kind, accountId, http, access, ct))
                .WithName($"GetAccount{char.ToUpperInvariant(kind[0])}{kind[1..]}Report")
                .WithSummary($"The {kind} report: JSON, or format=csv|html (a printable page with the equity chart); from, to.")
                .Produces<object>(contentType: "application/json").Produces<string>(contentType: "text/csv").Produces<string>(contentType: "text/html");

        var assessments = app.MapGroup("/api/v1/assessments/{assessmentId}").WithTags("Analytics").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        assessments.MapGet("/trades", handlers.AssessmentTradesAsync).WithName("GetAssessmentTrades")
            .WithSummary("Round-trip trades of every phase account, closed in [from, to).").Produces<AssessmentTrades>();
        assessments.MapGet("/statistics", handlers.AssessmentStatisticsAsync).WithName("GetAssessmentStatistics")
            .WithSummary("Statistics of every phase account over [from, to) (default: each phase's own period).").Produces<AssessmentStatistics>();
        assessments.MapGet("/equity", handlers.AssessmentEquityAsync).WithName("GetAssessmentEquity")
            .WithSummary("Equity history of every phase account (resolution=1m|1h|1d) with the daily and overall floors.").Produces<AssessmentEquity>();
        foreach (var kind in new[] { "summary", "trades", "performance", "risk", "compliance" })
            assessments.MapGet($"/reports/{kind}", (string assessmentId, HttpContext http, ResourceAccess access, CancellationToken ct) =>
                    handlers.AssessmentReportAsync(kind, assessmentId, http, access, ct))
                .WithName($"GetAssessment{char.ToUpperInvariant(kind[0])}{kind[1..]}Report")
                .WithSummary($"The {kind} report: JSON, or format=csv|html (a printable page with the equity chart)" +
                    (kind is "summary" or "compliance" ? "." : "; from, to."))
                .Produces<object>(contentType: "application/json").Produces<string>(contentType: "text/csv").Produces<string>(contentType: "text/html");
        return app;
    }

    /// <summary>
    /// The ledger reader of a host that co-hosts a silo (its own, or <see cref="NullLedger"/> in embedded mode); a durable
    /// API host that is only a cluster client reads the ledger on its own connection.
    /// </summary>
    private static ILedgerReader LedgerReaderOf(IServiceProvider services)
    {
        if (services.GetService<ILedgerReader>() is { } reader) return reader;
        return DurableMode.ConnectionString(services.GetRequiredService<IConfiguration>()) is { } connectionString
            ? new PostgresLedgerReader(NpgsqlDataSource.Create(connectionString))
            : NullLedger.Instance;
    }

    private sealed class Handlers(AnalyticsSource source, ReportResponse response)
    {
        public async Task<IResult> AccountTradesAsync(string accountId, HttpContext http, ResourceAccess access, CancellationToken ct)
        {
            var (scope, query, problem) = await AccountAsync(accountId, http, access, Period, ct);
            if (problem is not null) return problem;
            var (from, to) = query!.PeriodOf(scope!);
            return TypedResults.Ok(TradeHistoryReport.Of(scope!, from, to));
        }

        public async Task<IResult> AccountStatisticsAsync(string accountId, HttpContext http, ResourceAccess access, CancellationToken ct)
        {
            var (scope, query, problem) = await AccountAsync(accountId, http, access, Period, ct);
            if (problem is not null) return problem;
            var (from, to) = query!.PeriodOf(scope!);
            return TypedResults.Ok(new PerformanceReport.Account(scope!.AccountId, scope.Label, scope.Analysis.Statistics(from, to)));
        }

        public async Task<IResult> AccountEquityAsync(string accountId, HttpContext http, ResourceAccess access, CancellationToken ct)
        {
            var (scope, query, problem) = await AccountAsync(accountId, http, access, ["resolution", "from", "to"], ct);
            if (problem is not null) return problem;
            return TypedResults.Ok(Equity(scope!, query!));
        }

        public async Task<IResult> AccountReportAsync(string kind, string accountId, HttpContext http, ResourceAccess access, CancellationToken ct)
        {
            var (scope, query, problem) = await AccountAsync(accountId, http, access, ["format", "from", "to"], ct);
            if (problem is not null) return problem;
            var scoped = new[] { (scope!, query!.PeriodOf(scope!).From, query.PeriodOf(scope!).To) };
            var subject = $"account {accountId}";
            return kind switch
            {
                "trades" => response.Render(TradeHistoryReport.Build(subject, scoped), query.Format, $"Trade history — {subject}", $"{accountId}-trades", scoped),
                "performance" => response.Render(PerformanceReport.Build(subject, scoped), query.Format, $"Performance — {subject}", $"{accountId}-performance", scoped),
                _ => response.Render(RiskReport.Build(subject, scoped), query.Format, $"Risk analysis — {subject}", $"{accountId}-risk", scoped),
            };
        }

        public async Task<IResult> AssessmentTradesAsync(string assessmentId, HttpContext http, ResourceAccess access, CancellationToken ct)
        {
            var (view, query, problem) = await AssessmentAsync(assessmentId, http, access, Period, ct);
            if (problem is not null) return problem;
            return TypedResults.Ok(new AssessmentTrades(assessmentId, [.. view!.Phases.Select(p => TradeHistoryReport.Of(p, query!.PeriodOf(p).From, query.PeriodOf(p).To))]));
        }

        public async Task<IResult> AssessmentStatisticsAsync(string assessmentId, HttpContext http, ResourceAccess access, CancellationToken ct)
        {
            var (view, query, problem) = await AssessmentAsync(assessmentId, http, access, Period, ct);
            if (problem is not null) return problem;
            return TypedResults.Ok(new AssessmentStatistics(assessmentId, [.. view!.Phases.Select(p =>
            {
                var (from, to) = query!.PeriodOf(p);
                return new PerformanceReport.Account(p.AccountId, p.Label, p.Analysis.Statistics(from, to));
            })]));
        }

        public async Task<IResult> AssessmentEquityAsync(string assessmentId, HttpContext http, ResourceAccess access, CancellationToken ct)
        {
            var (view, query, problem) = await AssessmentAsync(assessmentId, http, access, ["resolution", "from", "to"], ct);
            if (problem is not null) return problem;
            return TypedResults.Ok(new AssessmentEquity(assessmentId, [.. view!.Phases.Select(p => Equity(p, query!))]));
        }

        public async Task<IResult> AssessmentReportAsync(string kind, string assessmentId, HttpContext http, ResourceAccess access, CancellationToken ct)
        {
            string[] allowed = kind is "summary" or "compliance" ? ["format"] : ["format", "from", "to"];
            var (view, query, problem) = await AssessmentAsync(assessmentId, http, access, allowed, ct);
            if (problem is not null) return problem;
            var scoped = view!.Phases.Select(p => (p, query!.PeriodOf(p).From, query.PeriodOf(p).To)).ToList();
            var subject = $"assessment {assessmentId} ({view.Assessment.PlanName})";
            var file = $"{assessmentId}-{kind}";
            return kind switch
            {
                "summary" => response.Render(AssessmentSummaryReport.Build(view), query!.Format, $"Assessment summary — {subject}", file, scoped),
                "trades" => response.Render(TradeHistoryReport.Build(subject, scoped), query!.Format, $"Trade history — {subject}", file, scoped),
                "performance" => response.Render(PerformanceReport.Build(subject, scoped), query!.Format, $"Performance — {subject}", file, scoped),
                "risk" => response.Render(RiskReport.Build(subject, scoped), query!.Format, $"Risk analysis — {subject}", file, scoped),
                _ => response.Render(ComplianceReport.Build(view), query!.Format, $"Compliance — {subject}", file, scoped),
            };
        }

        private static EquityHistoryView Equity(AnalyticsScope scope, AnalyticsQuery query)
        {
            var (from, to) = query.PeriodOf(scope);
            var name = query.Resolution switch { EquityResolution.OneMinute => "1m", EquityResolution.OneHour => "1h", _ => "1d" };
            return new EquityHistoryView(scope.AccountId, scope.Label, name, from, to, scope.Analysis.History(query.Resolution, from, to));
        }

        /// <summary>400 for a bad id; 404 for an account the caller may not see (or none); then 400 for a bad query.</summary>
        private async Task<(AnalyticsScope?, AnalyticsQuery?, IResult?)> AccountAsync(string accountId, HttpContext http, ResourceAccess access,
            string[] allowed, CancellationToken ct)
        {
            if (await AccountsApi.RefuseAsync(accountId, http.User, access, Access.Read) is { } refused)
                return (null, null, refused);
            var (query, errors) = AnalyticsQuery.Parse(http.Request.Query, allowed);
            if (query is null)
                return (null, null, TradingProblems.Validation(errors));
            return await source.AccountAsync(accountId, ct) is { } scope
                ? (scope, query, null)
                : (null, null, TradingProblems.UnknownAccount(accountId));
        }

        private async Task<(AssessmentView?, AnalyticsQuery?, IResult?)> AssessmentAsync(string assessmentId, HttpContext http, ResourceAccess access,
            string[] allowed, CancellationToken ct)
        {
            if (!AssessmentIds.IsValid(assessmentId))
                return (null, null, AssessmentProblems.InvalidId(assessmentId));
            if (await access.AssessmentAsync(http.User, assessmentId) == Access.Hidden)
                return (null, null, AssessmentProblems.UnknownAssessment(assessmentId));
            var (query, errors) = AnalyticsQuery.Parse(http.Request.Query, allowed);
            if (query is null)
                return (null, null, TradingProblems.Validation(errors));
            return await source.AssessmentAsync(assessmentId, ct) is { } view
                ? (view, query, null)
                : (null, null, AssessmentProblems.UnknownAssessment(assessmentId));
        }
    }
}
