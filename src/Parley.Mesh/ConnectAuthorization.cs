namespace Parley.Mesh;

/// <summary>The authorize endpoint's answer: a 400 text, or a decision with its reason.</summary>
/// <param name="Error">Consul's 400 text when the request itself is wrong; null when decided.</param>
/// <param name="Authorized">Whether the caller may connect.</param>
/// <param name="Reason">Why.</param>
public sealed record ConnectAuthorization(string? Error, bool Authorized, string Reason)
{
    public static ConnectAuthorization Invalid(string error) => new(error, false, "");

    public static ConnectAuthorization Decided(bool authorized, string reason) => new(null, authorized, reason);
}
