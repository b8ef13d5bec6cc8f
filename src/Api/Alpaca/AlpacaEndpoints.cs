using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Crucible.Api.Watchlists;

namespace Crucible.Api.Alpaca;

/// <summary>Composes the Alpaca-compatible surface (docs/alpaca.md): its services, the <c>/v2</c> routes and key binding.</summary>
public static class AlpacaEndpoints
{
    public static WebApplicationBuilder AddCrucibleAlpaca(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // First among the writers, so errors on Alpaca's paths take Alpaca's shape and every other path keeps RFC 7807.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, AlpacaErrorWriter>());
        services.TryAddSingleton<AlpacaSymbols>();
        services.TryAddSingleton<AlpacaViews>();
        services.TryAddSingleton<AlpacaAccounts>();
        services.TryAddSingleton<AlpacaStream>();
        return builder;
    }

    public static WebApplication MapAlpacaApi(this WebApplication app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Alpaca").RequireAuthorization();
        v2.MapAlpacaTradingApi();
        v2.MapAlpacaPositionsApi();
        v2.MapAlpacaAssetsApi();
        v2.MapAlpacaStockDataApi();
        v2.MapAlpacaActivitiesApi();
        v2.MapAlpacaWatchlistsApi();
        app.MapGroup("/v1beta3").WithTags("Alpaca").RequireAuthorization().MapAlpacaCryptoDataApi();
        app.MapAlpacaKeyBindingApi();
        // The same watchlists in Crucible's own shape; mapped here to keep Program.cs to one line for this surface.
        app.MapWatchlistsApi();
        // Authentication is in band (the authenticate action), so the upgrade itself is anonymous.
        var stream = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        stream.UseWebSockets();
        var handler = app.Services.GetRequiredService<AlpacaStream>();
        stream.Run(handler.HandleAsync);
        app.Map(AlpacaStream.Path, stream.Build()).WithName("AlpacaStream").AllowAnonymous();
        return app;
    }
}
