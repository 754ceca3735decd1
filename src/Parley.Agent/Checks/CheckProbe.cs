using System.Globalization;
using System.Net.Sockets;
using Parley.Core.Catalog;
using Parley.Core.Go;

namespace Parley.Agent.Checks;

/// <summary>Runs one HTTP or TCP probe and turns its outcome into a status and output, as Consul's agent does.</summary>
/// <remarks>The probe's timeout runs on <paramref name="timeProvider"/>, so a test can drive it.</remarks>
internal sealed class CheckProbe(HttpClient http, HttpClient httpSkipVerify, TimeProvider timeProvider)
{
    /// <summary>Consul caps check output at 4 KiB by default (check_output_max_size).</summary>
    public const int MaxOutput = 4096;

    /// <summary>The named <see cref="IHttpClientFactory"/> client for HTTP checks.</summary>
    public const string HttpClientName = "Parley.Checks";

    /// <summary>The named client for HTTP checks with <c>tls_skip_verify</c>: it accepts any server certificate.</summary>
    public const string SkipVerifyHttpClientName = "Parley.Checks.SkipVerify";

    public async Task<(string Status, string Output)> RunAsync(CheckDefinition definition, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(definition.Timeout, timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return definition.HTTP is { } url
                ? await HttpAsync(definition, url, timeout.Token)
                : await TcpAsync(definition.TCP!, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var target = definition.HTTP is { } u ? $"{definition.Method} {u}" : $"dial tcp {definition.TCP}";
            return (HealthStatus.Critical, $"{target}: timeout after {GoDuration.Format(definition.Timeout)}");
        }
    }

    private async Task<(string, string)> HttpAsync(CheckDefinition definition, string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(definition.Method), url);
        foreach (var (name, values) in definition.Header ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            request.Headers.TryAddWithoutValidation(name, values);
        }

        if (definition.Body is { Length: > 0 } body)
        {
            request.Content = new StringContent(body);
        }

        request.Headers.UserAgent.ParseAdd("Consul Health Check");
        try
        {
            var client = definition.TLSSkipVerify ? httpSkipVerify : http;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var text = await ReadCappedAsync(response, cancellationToken);
            var code = (int)response.StatusCode;
            var status = code is >= 200 and < 300 ? HealthStatus.Passing
                : code == 429 ? HealthStatus.Warning
                : HealthStatus.Critical;
            var output =
                $"HTTP {definition.Method} {url}: {code.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase} Output: {text}";
            return (status, output);
        }
        catch (HttpRequestException e)
        {
            return (HealthStatus.Critical, $"Get \"{url}\": {e.Message}");
        }
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxOutput];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static async Task<(string, string)> TcpAsync(string address, CancellationToken cancellationToken)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return (HealthStatus.Critical, $"dial tcp {address}: missing port in address");
        }

        var host = address[..colon].Trim('[', ']');
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            return (HealthStatus.Passing, $"TCP connect {address}: Success");
        }
        catch (SocketException e)
        {
            return (HealthStatus.Critical, $"dial tcp {address}: {e.Message}");
        }
    }
}
