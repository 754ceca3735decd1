namespace Parley.Peering;

/// <summary>
/// Peering's source-generated log messages. Peering owns event ids 3000-3999; 3000-3099 are the integrator's
/// (3001-3002 moved to <c>MeshLog</c> with the Connect CA; do not reuse them), 3100-3199 the stream, dialer and cleanup.
/// </summary>
internal static partial class PeeringLog;
