using CsCheck;
using Parley.State.Tests.Support;

namespace Parley.State.Tests.Machine;

/// <summary>Snapshot and restore over random logs: the restored state answers every query as the original.</summary>
public sealed class StateMachineSnapshotPropertyTests
{
    private const long Iterations = 100;

    [Fact]
    public async Task RestoreSnapshotAsync_AfterRandomLog_AnswersEveryQueryAsTheOriginal()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await Gen.Select(CommandGen.Log, CommandGen.Command).SampleAsync(
            async (log, extra) =>
            {
                var original = new Fsm();
                foreach (var (index, command) in log)
                {
                    original.ApplyAt(index, command);
                }

                var restored = new Fsm();
                using (var stream = new MemoryStream())
                {
                    await original.Machine.WriteSnapshotAsync(stream, cancellationToken);
                    stream.Position = 0;
                    await restored.Machine.RestoreSnapshotAsync(stream, cancellationToken);
                }

                Assert.Equal(original.Machine.LastAppliedIndex, restored.Machine.LastAppliedIndex);
                Assert.Equal(StateDump.Of(original.State), StateDump.Of(restored.State));

                // The restored copy must keep evolving exactly as the original does.
                var next = original.LastIndex + 1;
                var a = original.ApplyAt(next, extra);
                var b = restored.ApplyAt(next, extra);
                Assert.Equal(LogText.Of(a), LogText.Of(b));
                Assert.Equal(StateDump.Of(original.State), StateDump.Of(restored.State));
            },
            iter: Iterations,
            threads: 1,
            print: LogText.Of);
    }
}
