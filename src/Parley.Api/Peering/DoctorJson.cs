using Parley.Core.Peering.Doctor;

namespace Parley.Api.Peering;

/// <summary>The answer of <c>GET /v1/peering/:name/doctor</c>: the steps in order and whether the path is whole.</summary>
internal sealed record DoctorJson(string Peer, string? Service, bool Ok, IReadOnlyList<DoctorStep> Steps);
