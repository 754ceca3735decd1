using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Parley.Consensus.Internal.Transport;

/// <summary>
/// A connection whose bytes travel through a <see cref="Stream"/> (a TLS stream), shaped as the
/// <see cref="ConnectionContext"/> DotNext's transport and the RPC handler read and write through pipes.
/// </summary>
internal sealed class StreamConnection : ConnectionContext
{
    private readonly Stream _stream;
    private readonly IAsyncDisposable? _underlying;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;

    public StreamConnection(Stream stream, IAsyncDisposable? underlying, EndPoint? local, EndPoint? remote)
    {
        _stream = stream;
        _underlying = underlying;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        Transport = new DuplexPipe(_input, _output);
        LocalEndPoint = local;
        RemoteEndPoint = remote;
    }

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override void Abort(ConnectionAbortedException abortReason) => _stream.Dispose();

    public override async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync().ConfigureAwait(false);
        await _output.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (_underlying is not null)
        {
            await _underlying.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
