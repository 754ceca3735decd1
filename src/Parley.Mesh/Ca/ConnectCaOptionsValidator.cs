using Microsoft.Extensions.Options;
using Parley.Core;

namespace Parley.Mesh.Ca;

/// <summary>
/// Checks <see cref="ConnectCaOptions"/> once, when the agent starts, rather than when the first leader creates the CA:
/// a datacenter, and a <see cref="ConnectCaOptions.CaConfig"/> the built-in provider accepts (with Consul's texts).
/// </summary>
public sealed class ConnectCaOptionsValidator : IValidateOptions<ConnectCaOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ConnectCaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Datacenter))
        {
            problems.Add("Connect:Datacenter is required.");
        }

        if (options.Enabled && options.CaConfig is { Count: > 0 } caConfig)
        {
            try
            {
                CaProviderConfig.Parse(CaConfiguration.Initial(caConfig).Config);
            }
            catch (ParleyException e)
            {
                problems.Add($"Connect:CaConfig: {e.Message}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
