using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Crucible.LedgerThroughput;

/// <summary>
/// A PostgreSQL server of its own for one run, configured durable (fsync and synchronous commit on, unlike the test
/// fixture), so a commit costs what it costs in production on this disk.
/// </summary>
internal sealed class ThrowawayServer : IAsyncDisposable
{
    private readonly string bin = Environment.GetEnvironmentVariable("CRUCIBLE_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
    private readonly bool asServiceUser = Environment.IsPrivilegedProcess;
    private readonly string baseDirectory = Path.Combine("/tmp", "crucible-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private bool started;

    public string ConnectionString { get; private set; } = "";

    private string Data => Path.Combine(baseDirectory, "data");

    public async Task StartAsync()
    {
        Directory.CreateDirectory(baseDirectory);
        if (asServiceUser) await RunAsync("chown", ["postgres:", baseDirectory]);
        await PgAsync("initdb", ["-D", Data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"]);
        await File.AppendAllTextAsync(Path.Combine(Data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{baseDirectory}'
            timezone = 'UTC'
            fsync = on
            synchronous_commit = on
            full_page_writes = on

            """);
        var port = FreePort();
        await PgAsync("pg_ctl", ["start", "-D", Data, "-l", Path.Combine(baseDirectory, "server.log"), "-w", "-t", "60", "-o", $"-p {port}"]);
        started = true;
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (started) await PgAsync("pg_ctl", ["stop", "-D", Data, "-m", "immediate", "-w"]);
        Directory.Delete(baseDirectory, recursive: true);
    }

    private Task PgAsync(string tool, string[] arguments) =>
        asServiceUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
            : RunAsync(Path.Combine(bin, tool), arguments);

    private async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = baseDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await output}{await error}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
