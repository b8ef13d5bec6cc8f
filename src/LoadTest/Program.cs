using System.Text.Json;
using Crucible.LoadTest;

// The load tester's command line (docs/load-testing.md): parse, run, print the summary, write the JSON results file.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(LoadTestOptions.Usage);
    return 0;
}
var (options, problems) = LoadTestOptions.Parse(args);
if (options is null)
{
    foreach (var problem in problems) Console.Error.WriteLine(problem);
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
    object result;
    if (options.Baseline != Baseline.None)
    {
        result = await Baselines.RunAsync(options, Console.Out, cancel.Token);
    }
    else
    {
        var run = await new LoadTestRunner(options, Console.Out, overwriteProgress: !Console.IsOutputRedirected).RunAsync(cancel.Token);
        run.Print(Console.Out);
        result = run;
    }
    var path = options.Output ?? $"loadtest-{stamp}.json";
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, result.GetType(), LoadTestResult.Json));
    Console.WriteLine($"results: {Path.GetFullPath(path)}");
    return 0;
}
catch (LoadTestException e)
{
    Console.Error.WriteLine($"load test refused: {e.Message}");
    return 3;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"the engine at {options.Target} did not answer: {e.Message}");
    return 4;
}
catch (Exception e) when (e is Orleans.Runtime.OrleansException or TimeoutException)
{
    Console.Error.WriteLine($"the engine's gateways {string.Join(",", options.Gateways)} did not answer: {e.Message}");
    return 4;
}
