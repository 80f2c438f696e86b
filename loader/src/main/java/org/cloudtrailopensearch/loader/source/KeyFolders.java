package org.cloudtrailopensearch.loader.source;

import java.io.IOException;
import java.util.List;

/** The folder level of a key space: an S3 listing with delimiter {@code /}, or a local directory listing. */
@FunctionalInterface
public interface KeyFolders {

    /**
     * The names of the folders directly below {@code prefix} (which is empty or ends with {@code /}), without
     * the trailing {@code /}; empty when there is no such folder.
     */
    List<String> children(String prefix) throws IOException;
}
