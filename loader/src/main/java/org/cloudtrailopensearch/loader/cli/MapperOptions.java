package org.cloudtrailopensearch.loader.cli;

import java.nio.file.Path;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import picocli.CommandLine.Option;

/** Mapper options shared by {@code load} and {@code map}: what the documents get beyond the record itself. */
public final class MapperOptions {

    @Option(names = "--admin-users", paramLabel = "FILE",
            description = "User names (one per line, # comments) whose events get user.roles [admin].")
    Path adminUsers;

    /** Applies the options given to a mapper builder. */
    CloudTrailMapper.Builder applyTo(CloudTrailMapper.Builder builder) {
        if (adminUsers != null) {
            builder.adminUsersFile(adminUsers);
        }
        return builder;
    }
}
