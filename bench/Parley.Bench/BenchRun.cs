namespace Parley.Bench;

/// <summary>The start every benchmark shares: Ctrl+C cancels the run, and the machine is described before any figure.</summary>
internal static class BenchRun
{
    /// <summary>Prints <see cref="MachineInfo.Describe"/> and returns a token that Ctrl+C cancels (instead of killing the run).</summary>
    public static CancellationToken Start()
    {
        var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        foreach (var line in MachineInfo.Describe())
        {
            Console.WriteLine(line);
        }

        return cancel.Token;
    }
}
