package org.cloudtrailopensearch.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cloudtrailopensearch.loader.cli.Main;

/**
 * Runs {@code cloudtrail-opensearch} as its own JVM, as a user would: with the environment given here (and none of
 * the test JVM's OPENSEARCH_ or AWS_ variables), in a working folder of its own, its stdout and stderr kept.
 */
public final class CliProcess {

    /** What a run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> errorLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private CliProcess() {
    }

    /**
     * Runs the CLI inside this JVM ({@link Main#run}), capturing what it prints; quicker than a process, but with
     * this JVM's environment and working folder, so give it every path explicitly.
     */
    public static synchronized Result runInProcess(String... args) {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Result(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    public static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli-stdout", ".txt");
        Path err = Files.createTempFile("cli-stderr", ".txt");
        Process process = start(workDir, env, out, err, args);
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("cloudtrail-opensearch " + String.join(" ", args) + " did not end within 3 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** As below, with stdout and stderr in {@code dir}/stdout.txt and {@code dir}/stderr.txt. */
    public static Process start(Path dir, Map<String, String> env, String... args) throws IOException {
        Files.createDirectories(dir);
        return start(dir, env, dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), args);
    }

    /**
     * Starts the CLI as its own JVM and returns at once, so that a test can signal or kill it; stdout and stderr go
     * to the files given. The caller waits for it (and kills it if the test fails first); one still running when
     * this JVM exits is killed then.
     */
    public static Process start(Path workDir, Map<String, String> env, Path stdout, Path stderr, String... args)
            throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENSEARCH_") || name.startsWith("AWS_")
                || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        Process process = builder.start();
        // A test or benchmark JVM stopped before it waited for the process (SIGTERM, a failed assertion's exit)
        // must not leave it running: a worker whose queue went away with that JVM would otherwise retry for ever.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }, "stop-cli-" + process.pid()));
        return process;
    }
}
