package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import picocli.CommandLine.Option;

/** Mapper options shared by {@code load} and {@code map}: what the documents get beyond the record itself. */
public final class MapperOptions {

    @Option(names = "--admin-users", paramLabel = "FILE",
            description = "User names (one per line, # comments) whose events get user.roles [admin].")
    Path adminUsers;

    @Option(names = "--threat-indicators", paramLabel = "FILE",
            description = {"Threat-intelligence indicators, one INDICATOR,SOURCE per line (split at the last comma; "
                    + "# comments): an IP address or CIDR, an ARN, an access key id, or else an exact user agent.",
                    "Each event that matches gets one threat.enrichments entry per match."})
    Path threatIndicators;

    @Option(names = "--environment", paramLabel = "NAME",
            description = "Label every document with labels.environment NAME (e.g. prod), to filter environments apart.")
    String environment;

    /** Applies the options given to a mapper builder; the files are read by its build(). */
    CloudTrailMapper.Builder applyTo(CloudTrailMapper.Builder builder) {
        if (adminUsers != null) {
            builder.adminUsersFile(adminUsers);
        }
        if (threatIndicators != null) {
            builder.threatIndicatorsFile(threatIndicators);
        }
        if (environment != null) {
            builder.environment(environment);
        }
        return builder;
    }
}
