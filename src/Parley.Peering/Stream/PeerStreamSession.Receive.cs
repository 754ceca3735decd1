using Grpc.Core;
using Parley.Peering.V1;
using Parley.State.Commands;

namespace Parley.Peering.Stream;

internal sealed partial class PeerStreamSession
{
    /// <summary>Reads the stream: heartbeats are recorded at once (a busy processor never causes a timeout); the rest is queued.</summary>
    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _reader.MoveNext(cancellationToken))
            {
                var message = _reader.Current;
                if (IsDialer)
                {
                    MarkConnected();
                }

                if (message.PayloadCase == ReplicationMessage.PayloadOneofCase.Heartbeat)
                {
                    Interlocked.Exchange(ref _lastHeartbeatTicks, Now.UtcTicks);
                    _host.Tracker.HeartbeatReceived(PeeringId);
                    continue;
                }

                await _inbound.Writer.WriteAsync(message, cancellationToken);
            }

            _readError = new RpcException(new Status(StatusCode.Unavailable, "stream ended unexpectedly"));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Keep the peer's status code: the dialer's backoff depends on it.
            _readError = new RpcException(
                new Status(e.StatusCode, "unexpected error receiving from the stream: " + RpcErrors.Describe(e)),
                e.Trailers);
            _host.Tracker.ReceiveFailed(PeeringId, RpcErrors.Describe(_readError));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _readError = new RpcException(new Status(StatusCode.Unavailable, "unexpected error receiving from the stream: " + e.Message));
            _host.Tracker.ReceiveFailed(PeeringId, RpcErrors.Describe(_readError));
        }
        finally
        {
            _inbound.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Handles what the peer sent, in order. Exported services that are already queued behind each other are imported
    /// together (<see cref="HandleServiceResponsesAsync"/>): one Raft entry for the run instead of one per service.
    /// </summary>
    private async Task ProcessLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _inbound.Reader;
        ReplicationMessage? held = null;
        while (held is not null || await reader.WaitToReadAsync(cancellationToken))
        {
            var message = held;
            held = null;
            if (message is null && !reader.TryRead(out message))
            {
                continue;
            }

            if (!_host.Replicator.Status.IsLeader)
            {
                throw LostLeadership();
            }

            switch (message.PayloadCase)
            {
                case ReplicationMessage.PayloadOneofCase.Response when message.Response.ResourceUrl == ResourceUrls.ExportedService:
                    var run = new List<ReplicationMessage.Types.Response> { message.Response };
                    held = TakeServiceRun(reader, run);
                    foreach (var serviceReply in await HandleServiceResponsesAsync(run, cancellationToken))
                    {
                        _control.Writer.TryWrite(new ReplicationMessage { Request = serviceReply });
                    }

                    break;

                case ReplicationMessage.PayloadOneofCase.Response:
                    var reply = await HandleResponseAsync(message.Response, cancellationToken);
                    _control.Writer.TryWrite(new ReplicationMessage { Request = reply });
                    break;

                case ReplicationMessage.PayloadOneofCase.Request:
                    HandleRequest(message.Request);
                    break;

                case ReplicationMessage.PayloadOneofCase.Terminated:
                    await HandleTerminatedAsync(cancellationToken);
                    return;

                default:
                    // A second Open, or a message kind this version does not know: nothing to do.
                    break;
            }
        }

        throw _readError ?? new RpcException(new Status(StatusCode.Unavailable, "stream ended unexpectedly"));
    }

    /// <summary>A subscription (first request for a URL), or the peer's ACK / NACK of something this side sent.</summary>
    private void HandleRequest(ReplicationMessage.Types.Request request)
    {
        var url = request.ResourceUrl;
        if (!ResourceUrls.IsKnown(url))
        {
            throw RpcErrors.InvalidArgument($"subscription request to unknown resource URL: {url}");
        }

        if (!_remoteSubscriptions.ContainsKey(url))
        {
            if (IsDialer && request.PeerId.Length > 0 && request.PeerId != _remoteId)
            {
                throw RpcErrors.InvalidArgument(
                    $"initial subscription requests for a resource type must have consistent PeerID values:" +
                        $" got=\"{request.PeerId}\" expected=\"{_remoteId}\"");
            }

            if (request.ResponseNonce.Length > 0)
            {
                throw RpcErrors.InvalidArgument("initial subscription request for a resource type must not contain a nonce");
            }

            if (request.Error is not null)
            {
                throw RpcErrors.InvalidArgument("initial subscription request for a resource type must not contain an error");
            }

            _remoteSubscriptions[url] = true;
            _subscriptionsChanged.Set();
            return;
        }

        if (request.Error is { } error)
        {
            _host.Tracker.Nacked(PeeringId, error.Message);
            _logger.RemoteNacked(PeerName, url, error.Message);
        }
        else if (request.ResponseNonce.Length > 0)
        {
            _host.Tracker.Acked(PeeringId);
        }
    }

    /// <summary>Applies one resource from the peer and returns the ACK or NACK for it.</summary>
    private async Task<ReplicationMessage.Types.Request> HandleResponseAsync(
        ReplicationMessage.Types.Response response,
        CancellationToken cancellationToken)
    {
        var (problem, code) = Refusal(response);
        if (problem is null)
        {
            try
            {
                var arrived = _host.TimeProvider.GetTimestamp();
                await UpsertAsync(response.ResourceUrl, response.ResourceId, response.Resource, cancellationToken);
                _host.Tracker.ReceiveSucceeded(PeeringId, _host.TimeProvider.GetElapsedTime(arrived));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (problem, code) = UpsertFailed(response, e);
            }
        }

        return Reply(response, problem, code);
    }

    /// <summary>Why a response cannot be applied at all (Consul's texts), or null when it can.</summary>
    private (string? Problem, StatusCode Code) Refusal(ReplicationMessage.Types.Response response)
    {
        var url = response.ResourceUrl;
        string? problem = null;
        if (!_localSubscriptions.Contains(url))
        {
            problem = $"received response for unknown resource type \"{url}\"";
        }
        else if (response.Nonce.Length == 0)
        {
            problem = $"received response without a nonce for: {url}:{response.ResourceId}";
        }
        else if (response.Operation != Operation.Upsert)
        {
            problem = $"unsupported operation: \"{OperationName(response.Operation)}\"";
        }
        else if (response.Resource is null)
        {
            problem = "received upsert response with no content";
        }

        return (problem, StatusCode.InvalidArgument);
    }

    private (string Problem, StatusCode Code) UpsertFailed(ReplicationMessage.Types.Response response, Exception e)
    {
        var problem = $"upsert error, ResourceURL: \"{response.ResourceUrl}\", ResourceID: \"{response.ResourceId}\": {e.Message}";
        _host.Tracker.ReceiveFailed(PeeringId, problem);
        return (problem, StatusCode.Internal);
    }

    /// <summary>The ACK (no problem) or NACK for one response, by its nonce.</summary>
    private ReplicationMessage.Types.Request Reply(ReplicationMessage.Types.Response response, string? problem, StatusCode code)
    {
        var reply = new ReplicationMessage.Types.Request { ResourceUrl = response.ResourceUrl, ResponseNonce = response.Nonce };
        if (problem is not null)
        {
            _logger.ResponseNacked(response.ResourceUrl, response.ResourceId, PeerName, problem);
            reply.Error = new RpcStatus { Code = (int)code, Message = problem };
        }

        return reply;
    }

    /// <summary>The peer ended the peering: mark it TERMINATED here; the cleanup routine then drops what was imported.</summary>
    private async Task HandleTerminatedAsync(CancellationToken cancellationToken)
    {
        _remoteTerminated = true;
        _logger.TerminatedByPeer(PeerName);
        try
        {
            var result = await _host.Replicator.ApplyAsync(new TerminatePeering(PeeringId), cancellationToken);
            result.ThrowIfRejected();
        }
        finally
        {
            _end.TrySetResult(new End(EndKind.RemoteTerminated));
        }
    }

    private static string OperationName(Operation operation) =>
        PeeringReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("Operation")
            ?.FindValueByNumber((int)operation)?.Name
            ?? ((int)operation).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
