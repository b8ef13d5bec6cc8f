using System.Diagnostics;
using System.Globalization;
using Crucible.Hosting;
using Crucible.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;

namespace Crucible.Cluster.Tests.Harness;

/// <summary>
/// A durable Crucible cluster as an operator runs it (deploy/local-cluster.sh), on loopback: a fresh database on the
/// shared throwaway PostgreSQL, migrated by the Silo's <c>migrate</c> command, N Silo processes and one API process (an
/// Orleans client) from their build output, each on free ports. Disposing it kills, by PID, every process it started,
/// whatever happened before.
/// </summary>
public sealed class CrucibleCluster : IAsyncDisposable
{
    private const int ActiveStatus = 3;
    private readonly List<HostProcess> processes = [];
    private readonly List<SiloHost> silos = [];
    private readonly Action<string> log;
    private readonly bool keepLogs;
    private IHost? client;

    private CrucibleCluster(string connectionString, string clusterId, ClusterSettings settings, string logDirectory, bool keepLogs, Action<string> log)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        Settings = settings;
        LogDirectory = logDirectory;
        this.keepLogs = keepLogs;
        this.log = log;
        DataSource = NpgsqlDataSource.Create(connectionString);
        // A test host that exits without disposing (Ctrl-C, a runner timeout) must not leave hosts behind.
        AppDomain.CurrentDomain.ProcessExit += KillAllOnExit;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public ClusterSettings Settings { get; }

    public string LogDirectory { get; }

    public NpgsqlDataSource DataSource { get; }

    public IReadOnlyList<SiloHost> Silos => silos;

    public HostProcess Api { get; private set; } = null!;

    public Uri ApiAddress { get; private set; } = null!;

    /// <summary>
    /// Starts everything and returns once the membership table shows every silo active and the API's /ready answers.
    /// Set CRUCIBLE_CLUSTER_LOGS to a folder to keep the hosts' logs there.
    /// </summary>
    public static async Task<CrucibleCluster> StartAsync(PostgresServerFixture server, ClusterSettings settings, Action<string> log)
    {
        var clusterId = "c" + Guid.NewGuid().ToString("N")[..10];
        var kept = Environment.GetEnvironmentVariable("CRUCIBLE_CLUSTER_LOGS");
        var logDirectory = Path.Combine(kept is { Length: > 0 } ? kept : Path.GetTempPath(), "crucible-cluster-" + clusterId);
        Directory.CreateDirectory(logDirectory);
        // Every host opens up to this many connections per pool (a silo has two: the Orleans providers' and the ledger's);
        // five processes on Npgsql's default of 100 each would exhaust the server's 100 when grains reactivate together.
        var connectionString = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("cluster_" + clusterId))
        {
            MaxPoolSize = settings.MaxPoolSize,
        }.ConnectionString;
        var cluster = new CrucibleCluster(connectionString, clusterId, settings, logDirectory, kept is { Length: > 0 }, log);
        try
        {
            await cluster.StartAllAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync()
    {
        var clock = Stopwatch.StartNew();
        await MigrateAsync();
        log($"migrated in {clock.Elapsed.TotalSeconds:0.0} s; logs in {LogDirectory}");

        var ports = LoopbackPorts.Free(2 * Settings.Silos + 1);
        for (var i = 0; i < Settings.Silos; i++)
        {
            var process = Track(HostProcess.Start($"silo-{i + 1}", ClusterBinaries.SiloDll, [], SiloEnvironment(ports[2 * i], ports[2 * i + 1]), LogDirectory));
            silos.Add(new SiloHost(i + 1, process, ports[2 * i], ports[2 * i + 1]));
        }
        await WaitUntilAsync($"{Settings.Silos} active silos in the membership table", Settings.StartTimeout,
            async () => (await ActiveSiloPortsAsync()).Count == Settings.Silos);
        log($"{Settings.Silos} silos active after {clock.Elapsed.TotalSeconds:0.0} s: " +
            string.Join(", ", silos.Select(s => $"{s.Name} pid {s.Process.Pid} port {s.SiloPort}")));

        var apiPort = ports[^1];
        ApiAddress = new Uri($"http://127.0.0.1:{apiPort}");
        Api = Track(HostProcess.Start("api", ClusterBinaries.ApiDll, [], ApiEnvironment(apiPort), LogDirectory));
        using var http = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilAsync("the API's /ready", Settings.StartTimeout, async () =>
        {
            try
            {
                return (await http.GetAsync("/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        log($"API pid {Api.Pid} ready at {ApiAddress} after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task MigrateAsync()
    {
        await using var migrate = HostProcess.Start("migrate", ClusterBinaries.SiloDll, ["migrate"], CommonEnvironment(), LogDirectory);
        if (!await migrate.WaitForExitAsync(TimeSpan.FromSeconds(120)) || migrate.ExitCode != 0)
            throw new InvalidOperationException($"`Crucible.Silo migrate` failed (exit {migrate.ExitCode}):\n{migrate.Tail()}");
    }

    private Dictionary<string, string> CommonEnvironment() => new()
    {
        ["ConnectionStrings__Postgres"] = ConnectionString,
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ClusterId,
        ["Crucible__Shutdown__Timeout"] = Settings.ShutdownTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["Crucible__Shutdown__DeactivationTimeout"] = Settings.DeactivationTimeout.ToString("c", CultureInfo.InvariantCulture),
        // Five .NET processes share the machine with the test: one GC heap each, not one per core.
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_ENVIRONMENT"] = "Production",
        // The driver sends thousands of anonymous requests from 127.0.0.1 (one rate-limit partition): limits it cannot reach.
        ["Crucible__RateLimits__Auth__PermitLimit"] = "1000000",
        ["Crucible__RateLimits__Trading__PermitLimit"] = "1000000",
    };

    private Dictionary<string, string> SiloEnvironment(int siloPort, int gatewayPort)
    {
        var environment = CommonEnvironment();
        environment["Orleans__AdvertisedIP"] = "127.0.0.1";
        environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in Settings.Membership) environment[$"Orleans__Membership__{key}"] = value;
        return environment;
    }

    private Dictionary<string, string> ApiEnvironment(int port)
    {
        var environment = CommonEnvironment();
        environment["Urls"] = $"http://127.0.0.1:{port}";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Durable mode refuses to start without a key that signs access tokens; one per cluster, as an operator sets it.
        environment["Crucible__Auth__SigningKey"] = signingKey;
        // A run with a failover lasts minutes: the driver's token must outlive it (the default is 15 minutes).
        environment["Crucible__Auth__AccessTokenLifetime"] = "02:00:00";
        return environment;
    }

    private readonly string signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private HostProcess Track(HostProcess process)
    {
        lock (processes) processes.Add(process);
        return process;
    }

    /// <summary>Silo ports of the rows the membership table marks active.</summary>
    public async Task<IReadOnlyList<int>> ActiveSiloPortsAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT port FROM orleansmembershiptable WHERE deploymentid = $1 AND status = $2");
        command.Parameters.AddWithValue(ClusterId);
        command.Parameters.AddWithValue(ActiveStatus);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            var ports = new List<int>();
            while (await reader.ReadAsync()) ports.Add(reader.GetInt32(0));
            return ports;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    /// <summary>Which silo (by silo port) hosts an activation of each of the given grain keys, from the management grain.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> ActivationsBySiloAsync(IReadOnlySet<string> keys)
    {
        var management = (await ClientAsync()).GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics
            .Where(s => keys.Contains(s.GrainId.Key.ToString()!))
            .GroupBy(s => s.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => s.GrainId.Key.ToString()!).Distinct()]);
    }

    private async Task<IClusterClient> ClientAsync()
    {
        if (client is null)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DurableMode.ConnectionStringName}"] = ConnectionString,
                ["Orleans:ClusterId"] = ClusterId,
                ["Orleans:ServiceId"] = ClusterId,
            });
            builder.UseOrleansClient(c => c.UseCrucibleAdoNetClustering(builder.Configuration));
            var host = builder.Build();
            await host.StartAsync();
            client = host;
        }
        return client.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; on timeout fails with the hosts' last log lines.</summary>
    public async Task WaitUntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s.\n{Diagnostics()}");
            var exited = processes.FirstOrDefault(p => p.HasExited && p.Name != "migrate" && !stopped.Contains(p));
            if (exited is not null)
                throw new InvalidOperationException($"{what}: {exited.Name} exited with code {exited.ExitCode}.\n{Diagnostics()}");
            await Task.Delay(250);
        }
    }

    private readonly HashSet<HostProcess> stopped = [];

    /// <summary>Marks a process as stopped on purpose, so waiting does not report its exit as a failure.</summary>
    public void Expect(HostProcess stoppedOnPurpose)
    {
        lock (processes) stopped.Add(stoppedOnPurpose);
    }

    /// <summary>The tail of every host's log, for failure messages.</summary>
    public string Diagnostics()
    {
        lock (processes)
        {
            return string.Join("\n", processes.Select(p =>
                $"--- {p.Name} (pid {p.Pid}{(p.HasExited ? $", exited {p.ExitCode}" : "")}) {p.LogFile}\n{p.Tail(15)}"));
        }
    }

    private void KillAllOnExit(object? sender, EventArgs e)
    {
        lock (processes)
        {
            foreach (var process in processes) process.KillNow();
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillAllOnExit;
        if (client is not null)
        {
            try
            {
                await client.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (Exception e) when (e is OperationCanceledException or OrleansException or InvalidOperationException)
            {
                // The cluster may be half gone: the processes are killed below anyway.
            }
            client.Dispose();
        }

        List<HostProcess> started;
        lock (processes) started = [.. processes];
        foreach (var process in started) await process.DisposeAsync();
        await DataSource.DisposeAsync();
        if (!keepLogs)
        {
            try
            {
                Directory.Delete(LogDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
