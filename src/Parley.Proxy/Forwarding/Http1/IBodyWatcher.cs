namespace Parley.Proxy.Forwarding.Http1;

/// <summary>Told how a body relay progresses, for the timeouts that depend on it (data rate, activity).</summary>
internal interface IBodyWatcher
{
    /// <summary>A read of the body's sender is about to wait.</summary>
    void Reading();

    /// <summary>That read returned <paramref name="bytes"/> bytes of the body.</summary>
    void Received(long bytes);

    /// <summary>What was read went on to the receiver.</summary>
    void Flushed();
}
