using Crucible.Api.Hosting;
using Crucible.Api.Markets;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrucibleOrleans();
builder.AddCrucibleApiServices();

var app = builder.Build();
app.UseCrucibleApi();
app.MapInstrumentsApi();
app.MapHub<MarketHub>("/hubs/market");
app.Run();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
