using Microsoft.Extensions.Logging;

namespace Parley.State.Machine;

internal static partial class StateLog
{
    private const int Base = 1000; // State owns 1000-1999. Next free: 1003.

    [LoggerMessage(Base + 1, LogLevel.Debug, "{Command} at index {Index} rejected: {Reason}")]
    public static partial void CommandRejected(this ILogger logger, string command, long index, string reason);

    [LoggerMessage(Base + 2, LogLevel.Information, "Restored state snapshot at index {Index}")]
    public static partial void SnapshotRestored(this ILogger logger, long index);
}
