using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Mesh;

/// <summary>Builds subject-alternative-name extensions with URIs written exactly as given.</summary>
/// <remarks>
/// <see cref="SubjectAlternativeNameBuilder.AddUri"/> writes <see cref="Uri.AbsoluteUri"/>, which turns
/// <c>spiffe://td</c> into <c>spiffe://td/</c>; Consul's signing ID has no slash, so URIs are encoded here.
/// </remarks>
internal static class SubjectAltNames
{
    private const string SubjectAltNameOid = "2.5.29.17";

    public static X509Extension ForUri(string uri, bool critical = false)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            // GeneralName ::= CHOICE { ..., uniformResourceIdentifier [6] IA5String, ... }
            writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
        }

        return new X509Extension(SubjectAltNameOid, writer.Encode(), critical);
    }

    public static X509Extension ForDnsName(string name)
    {
        var builder = new SubjectAlternativeNameBuilder();
        builder.AddDnsName(name);
        return builder.Build(critical: false);
    }
}
