using System.Globalization;

namespace Parley.ClusterBench;

/// <summary>
/// Command line: <c>--parley PATH</c> (default: the Release apphost of src/Parley.Cli), <c>--etcd PATH</c> (default:
/// <c>etcd</c> on the PATH; <c>none</c> skips it), <c>--writes N</c> (2000), <c>--warmup N</c> (200), <c>--clients N</c>
/// (32, the batched runs), <c>--kills N</c> (10).
/// </summary>
internal sealed record Options(string Parley, string? Etcd, int Writes, int Warmup, int Clients, int Kills)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        int Number(string name, int fallback)
            => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var etcd = Value("--etcd", FindOnPath("etcd") ?? "none");
        return new Options(
            Value("--parley", DefaultParley()),
            etcd == "none" ? null : etcd,
            Number("--writes", 2000),
            Number("--warmup", 200),
            Number("--clients", 32),
            Number("--kills", 10));
    }

    private static string DefaultParley()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? Directory.GetCurrentDirectory();
        return Path.Combine(root, "src", "Parley.Cli", "bin", "Release", "net10.0", "parley");
    }

    private static string? FindOnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);
}
