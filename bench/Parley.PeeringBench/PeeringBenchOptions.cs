using System.Globalization;

namespace Parley.PeeringBench;

/// <summary>The command line of the peering benchmark.</summary>
internal sealed record PeeringBenchOptions
{
    /// <summary>Exported-service counts at which propagation is measured, ascending. Defaults to 100, 1000, 10000.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [100, 1000, 10000];

    /// <summary>Check flips timed per size. Defaults to 50.</summary>
    public int Flips { get; init; } = 50;

    /// <summary>Samples of each floor measurement. Defaults to 200.</summary>
    public int FloorSamples { get; init; } = 200;

    /// <summary>Services in the initial-sync phase (0 skips it). Defaults to 10000.</summary>
    public int SyncServices { get; init; } = 10000;

    /// <summary>Instances per service in the initial-sync phase. Defaults to 5.</summary>
    public int SyncInstances { get; init; } = 5;

    /// <summary>Register requests in flight while populating. Defaults to 32.</summary>
    public int Concurrency { get; init; } = 32;

    public const string Usage =
        "usage: Parley.PeeringBench [--sizes 100,1000,10000] [--flips N] [--floor-samples N] [--sync-services N] " +
        "[--sync-instances N] [--concurrency N]";

    /// <summary>Parses <c>--name value</c> pairs; null (after printing why) when they are not understood.</summary>
    public static PeeringBenchOptions? Parse(string[] args)
    {
        var options = new PeeringBenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"{args[i]} needs a value\n{Usage}");
                return null;
            }

            if (args[i] == "--sizes")
            {
                var sizes = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1)
                    .ToList();
                if (sizes.Count == 0 || sizes.Any(n => n <= 0))
                {
                    Console.Error.WriteLine($"--sizes needs positive integers separated by commas\n{Usage}");
                    return null;
                }

                sizes.Sort();
                options = options with { Sizes = sizes };
                continue;
            }

            if (!int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                Console.Error.WriteLine($"{args[i]} needs a non-negative integer\n{Usage}");
                return null;
            }

            switch (args[i])
            {
                case "--flips":
                    options = options with { Flips = Math.Max(1, value) };
                    break;
                case "--floor-samples":
                    options = options with { FloorSamples = Math.Max(1, value) };
                    break;
                case "--sync-services":
                    options = options with { SyncServices = value };
                    break;
                case "--sync-instances":
                    options = options with { SyncInstances = Math.Max(1, value) };
                    break;
                case "--concurrency":
                    options = options with { Concurrency = Math.Max(1, value) };
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
                    return null;
            }
        }

        return options;
    }
}
