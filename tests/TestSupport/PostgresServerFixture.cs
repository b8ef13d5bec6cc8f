using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace Crucible.TestSupport;

/// <summary>
/// Starts a throwaway PostgreSQL server (initdb into a temp dir, pg_ctl start on a free
/// loopback port) for the lifetime of an xUnit fixture, and tears it down afterwards.
/// </summary>
/// <remarks>
/// Share one server per test assembly through a collection; see <see cref="PostgresCollection"/>.
/// Binaries: <c>CRUCIBLE_PG_BIN</c>, else <c>/usr/lib/postgresql/15/bin</c>, else
/// <c>pg_config --bindir</c>, else <c>initdb</c> on PATH. Missing binaries fail the run.
/// </remarks>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public const string BinDirectoryVariable = "CRUCIBLE_PG_BIN";
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    // PostgreSQL refuses to run as root, so as root we drop to this system user.
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly bool _runAsServiceUser = !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;
    private string? _binDirectory;
    private string? _baseDirectory;
    private string? _connectionString;
    private bool _started;
    private int _stopped;

    /// <summary>Connection string for the <c>postgres</c> database as superuser <c>postgres</c>.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The PostgreSQL server has not been started.");

    public int Port { get; private set; }

    /// <summary>Directory holding initdb/pg_ctl that was actually used.</summary>
    public string BinDirectory =>
        _binDirectory ?? throw new InvalidOperationException("The PostgreSQL server has not been started.");

    /// <summary><c>SHOW server_version</c> of the running server, e.g. "15.14 (Debian 15.14-0+deb12u1)".</summary>
    public string ServerVersion { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        try
        {
            await InitDataDirectoryAsync();
            await StartAsync();
            // Stops the server even if the test host exits without disposing fixtures (e.g. SIGTERM).
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW server_version", connection);
            ServerVersion = (string)(await command.ExecuteScalarAsync())!;
        }
        catch
        {
            // xUnit does not dispose a fixture whose InitializeAsync threw; clean up here.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates an empty database and returns a connection string to it, so test classes
    /// sharing one server don't see each other's tables. Names must be unique per run.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Encoding.UTF8.GetByteCount(name) > 63)
        {
            // Longer names are silently truncated by the server; fail instead of colliding.
            throw new ArgumentException("PostgreSQL identifiers are limited to 63 bytes.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Shuts the server down (fast mode: open connections are closed) to test how clients behave while it is
    /// away; <see cref="StartAgainAsync"/> brings it back on the same port with the same data. Use a fixture of
    /// your own for this, not the shared collection's server.
    /// </summary>
    public async Task StopAsync()
    {
        await RunPgAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"]);
    }

    /// <summary>Starts the server stopped by <see cref="StopAsync"/> again, on the same port.</summary>
    public async Task StartAgainAsync()
    {
        await RunPgAsync("pg_ctl", ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {Port}"]);
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // Pooled connections would point at a dead server (and a reused port) afterwards.
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            try
            {
                await RunPgAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"]);
            }
            catch (Exception) when (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")) || TryKillPostmaster())
            {
                // pg_ctl failed, but the server was already stopped (StopAsync) or we killed the postmaster we started.
            }
        }

        DeleteBaseDirectory();
    }

    private string DataDirectory => Path.Combine(_baseDirectory!, "data");

    private string LogFile => Path.Combine(_baseDirectory!, "server.log");

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private async Task InitDataDirectoryAsync()
    {
        if (_runAsServiceUser && !OperatingSystem.IsWindows())
        {
            // /tmp (not $TMPDIR, which may sit under /root) so the service user can reach it.
            _baseDirectory = Path.Combine("/tmp", "crucible-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_baseDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await RunAsync("chown", [ServiceUser + ":", _baseDirectory], _baseDirectory);
        }
        else
        {
            _baseDirectory = Directory.CreateTempSubdirectory("crucible-pg-").FullName;
        }

        await RunPgAsync("initdb", ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);

        // Appending keeps the file's owner; later settings win over the defaults above them.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # crucible test fixture
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{_baseDirectory}'
            timezone = 'UTC'
            log_timezone = 'UTC'
            # Throwaway data: durability only costs time.
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """);
    }

    private async Task StartAsync()
    {
        // The free port is only reserved until we release it; retry if someone grabs it first.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            try
            {
                await RunPgAsync("pg_ctl", ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {Port}"]);
                break;
            }
            catch (InvalidOperationException) when (attempt < attempts && !File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
            }
        }

        _started = true;
        _connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    private static int FindFreePort()
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

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().GetAwaiter().GetResult();

    private bool TryKillPostmaster()
    {
        try
        {
            // First line of postmaster.pid is the PID of the postmaster this fixture started.
            var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
            {
                return false;
            }

            using var process = Process.GetProcessById(pid);
            if (process.ProcessName != "postgres")
            {
                return false;
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private void DeleteBaseDirectory()
    {
        if (_baseDirectory is null || !Directory.Exists(_baseDirectory))
        {
            return;
        }

        try
        {
            Directory.Delete(_baseDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is not worth failing the test run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task<string> RunPgAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(BinDirectory, tool);
        if (!_runAsServiceUser)
        {
            return RunAsync(executable, arguments, _baseDirectory!);
        }

        if (FindOnPath("runuser") is { } runuser)
        {
            return RunAsync(runuser, ["-u", ServiceUser, "--", executable, .. arguments], _baseDirectory!);
        }

        var commandLine = string.Join(' ', new[] { executable }.Concat(arguments).Select(ShellQuote));
        return RunAsync("su", [ServiceUser, "-s", "/bin/sh", "-c", commandLine], _baseDirectory!);
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    private static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The service user may not be able to enter the test's working directory.
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', new[] { fileName }.Concat(arguments));
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`{commandLine}` did not finish within {CommandTimeout.TotalSeconds:0}s.");
        }

        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{commandLine}` exited with code {process.ExitCode}:{Environment.NewLine}{output}");
        }

        return output;
    }

    private static string FindBinDirectory()
    {
        var searched = new List<string>();

        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured)
        {
            // An explicit setting that is wrong should fail, not silently fall back to another version.
            if (HasServerBinaries(configured))
            {
                return configured;
            }

            throw MissingBinaries($"{BinDirectoryVariable}={configured} (no initdb/pg_ctl there)");
        }

        searched.Add(DefaultBinDirectory);
        if (HasServerBinaries(DefaultBinDirectory))
        {
            return DefaultBinDirectory;
        }

        searched.Add("`pg_config --bindir`");
        if (FindOnPath("pg_config") is { } pgConfig)
        {
            try
            {
                var bindir = RunAsync(pgConfig, ["--bindir"], Environment.CurrentDirectory).GetAwaiter().GetResult().Trim();
                if (HasServerBinaries(bindir))
                {
                    return bindir;
                }
            }
            catch (InvalidOperationException)
            {
            }
        }

        searched.Add("initdb on PATH");
        if (FindOnPath("initdb") is { } initdb && Path.GetDirectoryName(initdb) is { } directory && HasServerBinaries(directory))
        {
            return directory;
        }

        throw MissingBinaries(string.Join(", ", searched));
    }

    private static InvalidOperationException MissingBinaries(string searched)
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? " The CI image must provide them (see .ci/run)."
            : "";
        return new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) not found; looked at: {searched}. " +
            $"Install them with `apt-get install -y postgresql-15`, or set {BinDirectoryVariable} " +
            $"to the directory containing initdb and pg_ctl.{ci}");
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        // runuser lives in /usr/sbin, which is not always on PATH.
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]);
        return directories.Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
    }
}
