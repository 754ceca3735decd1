namespace Parley.Core.ConfigEntries;

/// <content>exported-services rules.</content>
public static partial class ConfigEntryValidator
{
    private static void CheckExportedServices(ExportedServicesConfigEntry e, List<string> errors)
    {
        if (e.Name != "default")
        {
            errors.Add("exported-services Name must be \"default\"");
        }

        CheckMeta(e.Meta, errors);

        for (var i = 0; i < e.Services.Count; i++)
        {
            var svc = e.Services[i];
            if (svc.Name.Length == 0)
            {
                errors.Add($"Services[{i}]: service name cannot be empty");
                continue;
            }

            if (svc.Namespace == "*" && svc.Name != "*")
            {
                errors.Add($"Services[{i}]: service name must be wildcard if namespace is wildcard");
                continue;
            }

            if (svc.Consumers.Count == 0)
            {
                errors.Add($"Services[{i}]: must have at least one consumer");
                continue;
            }

            for (var j = 0; j < svc.Consumers.Count; j++)
            {
                var c = svc.Consumers[j];
                var prefix = $"Services[{i}].Consumers[{j}]: ";
                var count = (c.Peer.Length > 0 ? 1 : 0) + (c.Partition.Length > 0 ? 1 : 0) + (c.SamenessGroup.Length > 0 ? 1 : 0);
                if (count > 1)
                {
                    errors.Add(prefix + "must define at most one of Peer, Partition, or SamenessGroup");
                }
                else if (c.Partition == "*")
                {
                    errors.Add(prefix + "exporting to all partitions (wildcard) is not supported");
                }
                else if (c.Peer == "*")
                {
                    errors.Add(prefix + "exporting to all peers (wildcard) is not supported");
                }
                else if (c.SamenessGroup == "*")
                {
                    errors.Add(prefix + "exporting to all sameness groups (wildcard) is not supported");
                }
                else if (c.SamenessGroup.Length > 0)
                {
                    errors.Add(prefix + "sameness-groups are an enterprise-only feature");
                }
                else if (c.Partition.Length > 0)
                {
                    // Parley has only the default partition; "default" normalizes to empty.
                    errors.Add(prefix + "partitions are an enterprise-only feature");
                }
                else if (count == 0)
                {
                    errors.Add(prefix + "must define at least one of Peer, Partition, or SamenessGroup");
                }
            }
        }
    }
}
