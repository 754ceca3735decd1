using System.Globalization;

namespace Parley.Bench;

/// <summary>The command line of the scenario benchmark.</summary>
internal sealed record BenchOptions
{
    /// <summary>How long each scenario is measured. Defaults to 10 seconds.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long each scenario runs before measuring (JIT, connections). Defaults to 2 seconds.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Concurrent HTTP clients, each with its own connection, each one request at a time. Defaults to 16.</summary>
    public int Clients { get; init; } = 16;

    /// <summary>Instances of the service read in the health scenario. Defaults to 10.</summary>
    public int Instances { get; init; } = 10;

    public const string Usage =
        "usage: Parley.Bench [--duration SECONDS] [--warmup SECONDS] [--clients N] [--instances N]";

    /// <summary>Parses <c>--name value</c> pairs; null (after printing why) when they are not understood.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || value <= 0)
            {
                Console.Error.WriteLine($"{args[i]} needs a positive number\n{Usage}");
                return null;
            }

            switch (args[i])
            {
                case "--duration":
                    options = options with { Duration = TimeSpan.FromSeconds(value) };
                    break;
                case "--warmup":
                    options = options with { Warmup = TimeSpan.FromSeconds(value) };
                    break;
                case "--clients":
                    options = options with { Clients = (int)value };
                    break;
                case "--instances":
                    options = options with { Instances = (int)value };
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
                    return null;
            }
        }

        return options;
    }
}
