namespace Parley.State.Commands;

/// <summary>What applying a command at <see cref="Index"/> produced.</summary>
/// <param name="Index">The log index the command was applied at.</param>
/// <param name="Value">
/// The command's answer (<c>true</c>/<c>false</c> for CAS writes), or a <see cref="Parley.Core.ParleyException"/>
/// for a deterministic business-rule rejection that the caller turns into an error.
/// </param>
public sealed record CommandResult(long Index, object? Value = null)
{
    /// <summary>Throws the rejection carried in <see cref="Value"/>, if any.</summary>
    public CommandResult ThrowIfRejected()
    {
        if (Value is Exception e)
        {
            throw e;
        }

        return this;
    }
}
