using Crucible.Api.Alerts;
using Crucible.Api.Analytics;
using Crucible.Api.Alpaca;
using Crucible.Api.Challenges;
using Crucible.Api.Hosting;
using Crucible.Api.Identity;
using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Crucible.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrucibleOrleans();
builder.AddCrucibleApiServices();
builder.AddCrucibleIdentity();
builder.AddCrucibleAssessments();
builder.AddCrucibleMetrics();
builder.AddCrucibleAlpaca();

var app = builder.Build();
app.UseCrucibleApi();
app.UseCrucibleIdentity();
app.MapInstrumentsApi();
app.MapAccountsApi();
app.MapOrdersApi();
app.MapPlansApi();
app.MapAlertsApi();
app.MapHub<MarketHub>("/hubs/market");
app.MapHub<AccountHub>("/hubs/accounts");
app.MapCrucibleAssessments();
app.MapAnalyticsApi();
app.MapMonteCarloApi();
app.MapCrucibleMetrics();
app.MapAlpacaApi();
// Durable mode with Crucible:Durable:MigrateOnStart: the schema is in place before the silo or client starts.
await DurableMode.MigrateOnStartIfConfiguredAsync(app.Configuration, app.Services.GetRequiredService<ILoggerFactory>());
app.Run();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
