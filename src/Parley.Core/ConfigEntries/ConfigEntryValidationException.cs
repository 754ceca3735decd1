using Parley.Core.Go;

namespace Parley.Core.ConfigEntries;

/// <summary>
/// A config entry broke a rule (code <see cref="ErrorCode.Rejected"/>; Consul answers HTTP 500 with the text).
/// With one problem the message is exactly Consul's text; with several it is go-multierror's list of them.
/// </summary>
public sealed class ConfigEntryValidationException : ParleyException
{
    public ConfigEntryValidationException(IReadOnlyList<string> errors)
        : base(ErrorCode.Rejected, errors.Count == 1 ? errors[0] : GoErrors.MultiError(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, each in Consul's words.</summary>
    public IReadOnlyList<string> Errors { get; }
}
