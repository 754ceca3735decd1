using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;

namespace Parley.Api.Agent;

/// <summary>
/// The agent's operational endpoints: <c>/v1/agent/host</c>, <c>reload</c>, <c>monitor</c> and <c>token/:kind</c>, with
/// Consul's permissions (operator:read, agent:write, agent:read, agent:write) and texts.
/// </summary>
internal static partial class AgentOpsEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/agent/host", HostAsync, AclCheck.Read(AclResource.Operator))
        .Put("/v1/agent/reload", ReloadAsync, AclCheck.Agent(AclAccess.Write))
        .Get("/v1/agent/monitor", MonitorAsync, AclCheck.Agent(AclAccess.Read))
        .Put("/v1/agent/token/{**kind}", TokenAsync, AclCheck.Agent(AclAccess.Write));

    private static Task HostAsync(ApiContext api) => api.WriteJsonAsync(HostInfo.Collect(api.TimeProvider));

    /// <summary>
    /// Re-reads the agent's configuration through the reloader the agent registered (none: nothing to re-read, as for an
    /// agent started without config files); a configuration that no longer loads is Consul's 500 with the reason.
    /// </summary>
    private static async Task ReloadAsync(ApiContext api)
    {
        if (api.Http.RequestServices.GetService<IAgentReloader>() is { } reloader)
        {
            await reloader.ReloadAsync(api.Aborted);
        }

        api.Http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// Streams the agent's log from now on at <c>?loglevel</c> (default info), as text or <c>?logjson</c>, until the client leaves.
    /// </summary>
    private static async Task MonitorAsync(ApiContext api)
    {
        var raw = api.QueryValue("loglevel") is { Length: > 0 } l ? l : "INFO";
        var level = raw.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" => LogLevel.Information,
            "WARN" => LogLevel.Warning,
            "ERR" or "ERROR" => LogLevel.Error,
            _ => throw ApiException.BadRequest($"Unknown log level: {raw}"),
        };
        var monitor = api.Http.RequestServices.GetRequiredService<LogMonitor>();
        var stopping = api.Services.Stopping;
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(api.Aborted, stopping);
        using var subscription = monitor.Subscribe(level, api.Http.Request.Query.ContainsKey("logjson"));
        var response = api.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain; charset=utf-8";
        await response.StartAsync(api.Aborted);
        await response.Body.FlushAsync(api.Aborted);
        try
        {
            while (await subscription.Entries.WaitToReadAsync(ends.Token))
            {
                while (subscription.Entries.TryRead(out var entry))
                {
                    await response.WriteAsync(entry, ends.Token);
                }

                await response.Body.FlushAsync(ends.Token);
            }
        }
        catch (OperationCanceledException) when (ends.IsCancellationRequested)
        {
            // The client left or the agent is stopping: the stream simply ends.
        }

        if (subscription.Dropped > 0)
        {
            Log.MonitorDropped(api.Http.RequestServices.GetRequiredService<ILogger<LogMonitor>>(), subscription.Dropped);
        }
    }

    private static async Task TokenAsync(ApiContext api)
    {
        if (!api.AclOptions.Enabled)
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, "ACL support disabled");
        }

        var body = await api.ReadBodyAsync<AgentTokenRequest>();
        var kind = api.Route("kind");
        bool known;
        try
        {
            known = api.Http.RequestServices.GetRequiredService<AgentTokens>().TrySet(kind, body.Token ?? "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, $"Failed to persist tokens - {e.Message}");
        }

        if (!known)
        {
            throw ApiException.NotFound($"Token \"{kind}\" is unknown");
        }

        Log.TokenUpdated(api.Http.RequestServices.GetRequiredService<ILogger<AgentTokens>>(), kind);
        api.Http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The body of <c>PUT /v1/agent/token/:kind</c> (Consul's <c>api.AgentToken</c>).</summary>
    private sealed record AgentTokenRequest(string? Token);

    private static partial class Log
    {
        // Api owns 4000-4999 (ApiLog); 4200-4209 are the agent's operational endpoints'.
        [LoggerMessage(4200, LogLevel.Warning, "Dropped {Count} log entries during a monitor request")]
        public static partial void MonitorDropped(ILogger logger, long count);

        [LoggerMessage(4201, LogLevel.Information, "Updated agent's ACL token {Kind}")]
        public static partial void TokenUpdated(ILogger logger, string kind);
    }
}
