using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Crucible.Cluster.Tests.Harness;

/// <summary>
/// One host of the cluster under test: <c>dotnet &lt;dll&gt;</c> started from its build folder with the given
/// environment, its output kept in a log file. It is stopped by its PID only: SIGKILL (a crash), SIGTERM (an
/// orchestrator's graceful stop), and always SIGKILL on dispose if it still runs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Lock logLock = new();

    private HostProcess(string name, Process process, StreamWriter log, string logFile)
    {
        Name = name;
        this.process = process;
        this.log = log;
        LogFile = logFile;
    }

    public string Name { get; }

    public int Pid => process.Id;

    public string LogFile { get; }

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public static HostProcess Start(string name, string dll, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            // Content root (appsettings.json, config/) is the build folder, as `dotnet run` would use the app folder.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        // The test runner's own settings (e.g. DOTNET_ENVIRONMENT, ASPNETCORE_URLS) must not leak into the hosts.
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
            startInfo.Environment.Remove(key);
        foreach (var (key, value) in environment) startInfo.Environment[key] = value;

        var logFile = Path.Combine(logDirectory, name + ".log");
        var writer = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var child = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var host = new HostProcess(name, child, writer, logFile);
        child.OutputDataReceived += (_, e) => host.Write(e.Data);
        child.ErrorDataReceived += (_, e) => host.Write(e.Data);
        if (!child.Start())
            throw new InvalidOperationException($"Could not start {name}: dotnet {dll}");
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash; nothing of it runs any more.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGKILL without waiting, for a test host that is itself exiting.</summary>
    public void KillNow()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>SIGTERM: the host's graceful stop (the .NET host stops its services within its shutdown timeout).</summary>
    public void Terminate()
    {
        if (process.HasExited) return;
        if (kill(process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill -TERM {process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the exit; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines of the log, for a failure message.</summary>
    public string Tail(int lines = 30)
    {
        lock (logLock)
        {
            log.Flush();
        }
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        lock (logLock)
        {
            log.Dispose();
        }
        process.Dispose();
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (logLock)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after dispose is dropped.
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
