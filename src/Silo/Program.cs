using Crucible.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

// The stand-alone silo for cluster mode. With ConnectionStrings:Postgres it joins the durable cluster on
// PostgreSQL (membership, grain state, reminders); without, it forms a one-silo cluster on loopback that
// keeps everything in memory. `migrate` applies deploy/sql and exits.
var migrateOnly = args is ["migrate", ..];
var builder = Host.CreateApplicationBuilder(migrateOnly ? args[1..] : args);
var configuration = builder.Configuration;

if (migrateOnly)
{
    using var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole());
    if (!DurableMode.IsEnabled(configuration))
    {
        loggers.CreateLogger("Crucible.Silo").LogError("migrate needs ConnectionStrings:Postgres (e.g. the ConnectionStrings__Postgres environment variable)");
        return 2;
    }

    var result = await DurableMode.MigrateAsync(configuration, loggers);
    loggers.CreateLogger("Crucible.Silo").LogInformation(
        "Migration done: applied [{Applied}], up to date [{Unchanged}]", string.Join(", ", result.Applied), string.Join(", ", result.Unchanged));
    return 0;
}

builder.UseOrleans(silo =>
{
    if (DurableMode.IsEnabled(configuration) && configuration.GetValue<bool>("Crucible:Kubernetes:Enabled"))
    {
        // Pod name, pod IP and listening endpoints from the downward API; membership stays on PostgreSQL.
        silo.UseCrucibleAdoNetClustering(configuration, configureEndpoints: false).UseKubernetesHosting();
    }
    else
    {
        silo.UseCrucibleClustering(configuration);
    }

    silo.AddCrucible(configuration);
});

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Crucible.Silo");
if (DurableMode.IsEnabled(configuration))
{
    await DurableMode.MigrateOnStartIfConfiguredAsync(configuration, host.Services.GetRequiredService<ILoggerFactory>());
    logger.LogInformation("Silo running in DURABLE mode: clustering, grain state and reminders on PostgreSQL");
}
else
{
    logger.LogWarning("Silo running with localhost clustering and in-memory storage: nothing is kept across restarts");
}

await host.RunAsync();
return 0;
