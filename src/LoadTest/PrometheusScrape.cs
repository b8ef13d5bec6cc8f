using System.Globalization;

namespace Crucible.LoadTest;

/// <summary>One read of the engine's <c>/metrics</c> (Prometheus text format): every sample with its labels.</summary>
public sealed class PrometheusScrape
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static readonly PrometheusScrape Empty = new([]);

    public IReadOnlyList<Sample> Samples { get; }

    private PrometheusScrape(IReadOnlyList<Sample> samples) => Samples = samples;

    /// <summary>The API host's /metrics; empty when there is no API host to ask (a run over grains without --api) or it does not answer.</summary>
    public static async Task<PrometheusScrape> ReadAsync(HttpClient? http, CancellationToken cancellationToken)
    {
        if (http is null) return Empty;
        try
        {
            using var response = await http.GetAsync("/metrics", cancellationToken);
            return response.IsSuccessStatusCode ? Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : Empty;
        }
        catch (HttpRequestException)
        {
            return Empty;
        }
    }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var brace = line.IndexOf('{');
            var space = line.IndexOf(' ');
            string name;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            int rest;
            if (brace >= 0 && (space < 0 || brace < space))
            {
                name = line[..brace];
                var close = line.IndexOf('}', brace);
                if (close < 0) continue;
                foreach (var pair in SplitLabels(line[(brace + 1)..close]))
                    labels[pair.Key] = pair.Value;
                rest = close + 1;
            }
            else
            {
                if (space < 0) continue;
                name = line[..space];
                rest = space;
            }
            var fields = line[rest..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            var value = fields[0] switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
            };
            samples.Add(new Sample(name, labels, value));
        }
        return new PrometheusScrape(samples);
    }

    private static IEnumerable<KeyValuePair<string, string>> SplitLabels(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= text.Length || text[eq + 1] != '"') yield break;
            var key = text[i..eq].Trim(' ', ',');
            var value = new System.Text.StringBuilder();
            var j = eq + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length) j++;
                value.Append(text[j]);
            }
            yield return new(key, value.ToString());
            i = j + 1;
        }
    }

    /// <summary>The sum of a metric's series whose labels match the filter.</summary>
    public double Sum(string name, Func<IReadOnlyDictionary<string, string>, bool>? filter = null) =>
        Samples.Where(s => s.Name == name && (filter is null || filter(s.Labels)) && double.IsFinite(s.Value)).Sum(s => s.Value);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    /// <summary>Values of a metric by one label (summed over the others).</summary>
    public IReadOnlyDictionary<string, double> ByLabel(string name, string label) =>
        Samples.Where(s => s.Name == name && s.Labels.ContainsKey(label))
            .GroupBy(s => s.Labels[label]).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

    /// <summary>A histogram's cumulative bucket counts by upper bound (summed over its series), +Inf last.</summary>
    public SortedDictionary<double, double> Buckets(string baseName)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var s in Samples.Where(s => s.Name == baseName + "_bucket" && s.Labels.ContainsKey("le")))
        {
            var le = s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], CultureInfo.InvariantCulture);
            buckets[le] = buckets.GetValueOrDefault(le) + s.Value;
        }
        return buckets;
    }

    /// <summary>
    /// Percentiles (ms) of the observations a histogram gained between two scrapes, interpolated inside the bucket (so to
    /// the buckets' resolution); a percentile past the last finite bound is reported as that bound.
    /// </summary>
    public static BucketPercentiles Between(PrometheusScrape before, PrometheusScrape after, string baseName)
    {
        var start = before.Buckets(baseName);
        var end = after.Buckets(baseName);
        var delta = end.Select(b => (Bound: b.Key, Count: b.Value - start.GetValueOrDefault(b.Key))).ToList();
        var total = delta.Count == 0 ? 0 : delta[^1].Count;
        if (total <= 0) return new BucketPercentiles(0, 0, 0, 0, 0);
        var sum = after.Sum(baseName + "_sum") - before.Sum(baseName + "_sum");
        return new BucketPercentiles((long)total, At(0.50), At(0.90), At(0.99), Math.Round(sum / total, 3));

        double At(double q)
        {
            var rank = q * total;
            double lowerBound = 0, lowerCount = 0;
            foreach (var (bound, count) in delta)
            {
                if (count >= rank)
                {
                    if (double.IsPositiveInfinity(bound)) return lowerBound;
                    var share = count == lowerCount ? 1 : (rank - lowerCount) / (count - lowerCount);
                    return Math.Round(lowerBound + share * (bound - lowerBound), 3);
                }
                (lowerBound, lowerCount) = (double.IsPositiveInfinity(bound) ? lowerBound : bound, count);
            }
            return lowerBound;
        }
    }
}

/// <summary>Percentiles read from an engine histogram's buckets (ms).</summary>
public sealed record BucketPercentiles(long Count, double P50, double P90, double P99, double Mean);
