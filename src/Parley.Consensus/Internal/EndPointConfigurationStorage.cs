using System.Net;
using DotNext.Buffers;
using DotNext.Net;
using DotNext.Net.Cluster.Consensus.Raft.Membership;

namespace Parley.Consensus.Internal;

/// <summary>The cluster membership (voting servers' addresses), kept in one file that is replaced atomically.</summary>
internal sealed class EndPointConfigurationStorage(string fileName) : PersistentClusterConfigurationStorage<EndPoint>(fileName)
{
    protected override void Encode(EndPoint address, ref BufferWriterSlim<byte> writer)
        => EndPointFormatter.WriteEndPoint(ref writer, address);

    protected override EndPoint Decode(ref SequenceReader reader)
        => EndPointFormatter.ReadEndPoint(ref reader);
}
