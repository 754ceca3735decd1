namespace Parley.Peering;

/// <summary>Why an establish was refused (the dialer's exchange error, e.g. a TLS error against the token's CA) and when.</summary>
/// <param name="Message">The error as establish answered it.</param>
/// <param name="At">When it was refused.</param>
public sealed record EstablishFailure(string Message, DateTimeOffset At);
