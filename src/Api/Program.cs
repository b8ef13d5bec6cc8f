using Crucible.Api.Challenges;
using Crucible.Api.Hosting;
using Crucible.Api.Markets;
using Crucible.Api.Trading;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrucibleOrleans();
builder.AddCrucibleApiServices();
builder.AddCrucibleAssessments();

var app = builder.Build();
app.UseCrucibleApi();
app.MapInstrumentsApi();
app.MapAccountsApi();
app.MapOrdersApi();
app.MapPlansApi();
app.MapHub<MarketHub>("/hubs/market");
app.MapHub<AccountHub>("/hubs/accounts");
app.MapCrucibleAssessments();
app.Run();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
