using Crucible.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The stand-alone silo for cluster mode. Until durable clustering lands it forms a one-silo cluster on
// loopback (ports from the Orleans section) and keeps everything in memory.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseCrucibleLocalhostClustering(builder.Configuration)
    .AddCrucible(builder.Configuration));

using var host = builder.Build();
host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Crucible.Silo")
    .LogWarning("Silo running with localhost clustering and in-memory storage: nothing is kept across restarts");
await host.RunAsync();
