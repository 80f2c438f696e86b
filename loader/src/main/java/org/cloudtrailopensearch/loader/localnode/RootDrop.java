package org.cloudtrailopensearch.loader.localnode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command prefix that makes OpenSearch not run as root. OpenSearch checks the effective uid and has
 * no setting to skip that check, and CI containers usually run as root.
 */
final class RootDrop {

    private static final List<String> USER_NAMESPACE =
            List.of("unshare", "--user", "--map-user=1000", "--map-group=1000");

    private RootDrop() {
    }

    /** Empty for a normal user; otherwise {@code unshare ...} or {@code runuser -u nobody --}. */
    static List<String> prefix(Path home, Path nodeDir) throws IOException, InterruptedException {
        if (!isRoot()) {
            return List.of();
        }
        if (succeeds(concat(USER_NAMESPACE, "true"))) {
            return USER_NAMESPACE;
        }
        // No user namespaces here: hand the folders to an unprivileged account instead.
        for (Path dir : List.of(home, nodeDir)) {
            if (!succeeds(List.of("chown", "-R", "nobody:", dir.toString()))) {
                throw new IOException("running as root, `unshare --user` is not permitted and `chown nobody` of "
                        + dir + " failed; start the tests or demo as a non-root user");
            }
        }
        return List.of("runuser", "-u", "nobody", "--");
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes()).trim();
        id.waitFor();
        return uid.equals("0");
    }

    private static boolean succeeds(List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> prefix, String last) {
        var all = new java.util.ArrayList<>(prefix);
        all.add(last);
        return all;
    }
}
