using System.Globalization;

namespace Crucible.LoadTest;

public enum Via
{
    Http,
    Grains,
}

public enum Baseline
{
    None,
    Http,
    Quote,
    GrainCall,
    Fanout,
}

/// <summary>What a run does; parsed from the command line (docs/load-testing.md lists every option).</summary>
public sealed record LoadTestOptions
{
    public int Accounts { get; init; } = 100;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Orders per second over all bots; 0 sends as fast as <see cref="Concurrency"/> allows.</summary>
    public double OrderRate { get; init; } = 100;

    public string Strategy { get; init; } = "random";

    /// <summary>"paper", or a plan id whose assessments are bought with the simulated payment.</summary>
    public string Plan { get; init; } = "paper";

    public Via Via { get; init; } = Via.Http;

    /// <summary>
    /// The API host: the target over HTTP; over grains the optional <c>--api</c> whose /metrics is read (null: no engine
    /// figures but what <see cref="EnginePid"/> gives).
    /// </summary>
    public Uri? Target { get; init; } = new("http://localhost:5000");

    /// <summary>Over grains: the silo gateways the Orleans client connects to (the embedded engine's is 127.0.0.1:30000).</summary>
    public IReadOnlyList<string> Gateways { get; init; } = ["127.0.0.1:30000"];

    public string ClusterId { get; init; } = "crucible";
    public string ServiceId { get; init; } = "crucible";
    public int Seed { get; init; } = 1;

    /// <summary>Users the accounts are spread over (each has its own trading rate limit).</summary>
    public int Users { get; init; } = 1;

    /// <summary>Most requests in flight at once, set-up and trading alike.</summary>
    public int Concurrency { get; init; } = 256;

    public IReadOnlyList<string> Symbols { get; init; } = ["BTC-USD"];

    /// <summary>A bot's base order quantity (the strategies scale it).</summary>
    public decimal Quantity { get; init; } = 0.01m;

    public decimal Balance { get; init; } = 100_000m;

    /// <summary>SignalR clients that follow quotes on /hubs/market (tick-to-client) and one account each on /hubs/accounts.</summary>
    public int SignalRClients { get; init; } = 10;

    /// <summary>The engine's process id when it runs on this machine: CPU and memory from /proc instead of /metrics.</summary>
    public int? EnginePid { get; init; }

    public string? Output { get; init; }
    public Baseline Baseline { get; init; } = Baseline.None;
    public bool Quiet { get; init; }

    public static readonly string[] Strategies = ["random", "momentum", "martingale", "scalper"];

    public const string Usage = """
        usage: dotnet run -c Release --project src/LoadTest -- [options]
          --accounts N          accounts (bots) to run                        (100)
          --duration 60s        trading time: 500ms, 20s, 5m                    (60s)
          --order-rate R        orders per second over all bots; 0 = unpaced   (100)
          --strategy S          random | momentum | martingale | scalper       (random)
          --plan NAME|paper     paper accounts, or buy assessments of plan NAME (paper)
          --via http|grains     trade over REST, or as an Orleans client        (http)
          --target URL|GW       http: the engine's API host                    (http://localhost:5000)
                                grains: silo gateway(s) host:port[,host:port]  (127.0.0.1:30000)
          --api URL             grains: an API host of the engine, for /metrics (none)
          --cluster-id ID       grains: the cluster's ClusterId                 (crucible)
          --service-id ID       grains: the cluster's ServiceId                 (crucible)
          --seed S              seed of every bot's decisions                   (1)
          --users U             users the accounts are spread over              (1)
          --concurrency C       most requests in flight                         (256)
          --symbols A,B         instruments to trade                            (BTC-USD)
          --quantity Q          base order quantity                             (0.01)
          --balance B           paper account balance                           (100000)
          --signalr-clients K   sampled SignalR clients (0 = none)              (10)
          --pid P               engine process id, for CPU/memory from /proc
          --out FILE            JSON results file                     (loadtest-<time>.json)
          --baseline B          instead of trading, as fast as possible: http (GET /health), quote (GET one
                                instrument), grain-call (IPingGrain.Ping through the gateway), fanout
                                (one-way deliveries to --accounts grains)
          --quiet               no progress line
        """;

    /// <summary>Reads the options; every problem is listed, none is guessed around.</summary>
    public static (LoadTestOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        var o = new LoadTestOptions();
        var problems = new List<string>();
        string? target = null;
        Uri? api = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quiet") { o = o with { Quiet = true }; continue; }
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                problems.Add($"{name}: expected --option value");
                continue;
            }
            var value = args[++i];
            switch (name)
            {
                case "--accounts": o = o with { Accounts = Int(name, value, 1, 10_000_000) }; break;
                case "--duration": o = o with { Duration = Span(name, value) }; break;
                case "--order-rate": o = o with { OrderRate = Number(name, value, 0, 10_000_000) }; break;
                case "--strategy":
                    if (!Strategies.Contains(value)) problems.Add($"--strategy: one of {string.Join(", ", Strategies)}, not '{value}'");
                    o = o with { Strategy = value };
                    break;
                case "--plan": o = o with { Plan = value.Length > 0 ? value : Bad(name, value, "paper") }; break;
                case "--via":
                    o = o with { Via = value switch { "http" => Via.Http, "grains" => Via.Grains, _ => Bad(name, value, Via.Http) } };
                    break;
                case "--target": target = value; break;
                case "--api": api = Uri.TryCreate(value, UriKind.Absolute, out var apiUri) ? apiUri : Bad<Uri?>(name, value, null); break;
                case "--cluster-id": o = o with { ClusterId = value.Length > 0 ? value : Bad(name, value, o.ClusterId) }; break;
                case "--service-id": o = o with { ServiceId = value.Length > 0 ? value : Bad(name, value, o.ServiceId) }; break;
                case "--seed": o = o with { Seed = Int(name, value, int.MinValue, int.MaxValue) }; break;
                case "--users": o = o with { Users = Int(name, value, 1, 1_000_000) }; break;
                case "--concurrency": o = o with { Concurrency = Int(name, value, 1, 100_000) }; break;
                case "--symbols":
                    var symbols = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    o = o with { Symbols = symbols.Length > 0 ? symbols : Bad<string[]>(name, value, ["BTC-USD"]) };
                    break;
                case "--quantity": o = o with { Quantity = (decimal)Number(name, value, 1e-9, 1e9) }; break;
                case "--balance": o = o with { Balance = (decimal)Number(name, value, 1, 1e12) }; break;
                case "--signalr-clients": o = o with { SignalRClients = Int(name, value, 0, 100_000) }; break;
                case "--pid": o = o with { EnginePid = Int(name, value, 1, int.MaxValue) }; break;
                case "--out": o = o with { Output = value }; break;
                case "--baseline":
                    o = o with
                    {
                        Baseline = value switch
                        {
                            "http" => Baseline.Http, "quote" => Baseline.Quote, "grain-call" => Baseline.GrainCall, "fanout" => Baseline.Fanout,
                            _ => Bad(name, value, Baseline.None),
                        },
                    };
                    break;
                default: problems.Add($"{name}: unknown option"); break;
            }
        }
        // --target means a URL or gateways by --via, which may come after it.
        var overGrains = o.Via == Via.Grains || o.Baseline is Baseline.GrainCall or Baseline.Fanout;
        if (overGrains)
        {
            var gateways = target?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. o.Gateways];
            if (gateways.Length == 0 || gateways.Any(g => GrainConnection.ParseGateway(g) is null))
                problems.Add($"--target: over grains, gateways as host:port[,host:port], not '{target}'");
            o = o with { Gateways = gateways, Target = api };
        }
        else
        {
            if (api is not null) problems.Add("--api: only with --via grains (over HTTP --target is the API host)");
            if (target is not null)
                o = o with { Target = Uri.TryCreate(target, UriKind.Absolute, out var uri) ? uri : Bad("--target", target, o.Target) };
        }
        if (o.Via == Via.Grains && o.Baseline is Baseline.Http or Baseline.Quote)
            problems.Add("--baseline http|quote: HTTP baselines, not with --via grains");
        if (o.Users > o.Accounts && o.Baseline == Baseline.None) problems.Add("--users: at most --accounts");
        return problems.Count == 0 ? (o, problems) : (null, problems);

        T Bad<T>(string option, string value, T fallback)
        {
            problems.Add($"{option}: '{value}' is not valid");
            return fallback;
        }

        int Int(string option, string value, int min, int max) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n : Bad(option, value, min);

        double Number(string option, string value, double min, double max) =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max && double.IsFinite(n)
                ? n : Bad(option, value, min);

        TimeSpan Span(string option, string value) => ParseDuration(value) is { } span && span > TimeSpan.Zero ? span : Bad(option, value, TimeSpan.FromSeconds(1));
    }

    /// <summary>"500ms", "20s", "5m", "1h", or plain seconds.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) && n > 0
            ? TimeSpan.FromSeconds(n * unit) : null;
    }
}
