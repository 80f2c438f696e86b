package org.cloudtrailopensearch.loader.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.loader.index.IntegrityRemarker;
import org.cloudtrailopensearch.loader.queue.FinishedObjectStep;
import org.cloudtrailopensearch.loader.queue.QueueWorker;
import org.cloudtrailopensearch.loader.queue.SqsClientSettings;
import org.cloudtrailopensearch.loader.queue.SqsQueue;
import org.cloudtrailopensearch.loader.queue.WorkerSettings;
import org.cloudtrailopensearch.loader.run.IntegrityFollowUp;
import org.cloudtrailopensearch.loader.run.LoadJobConfig;
import org.cloudtrailopensearch.loader.run.LoadRun;
import org.cloudtrailopensearch.loader.state.ChainStateFile;
import org.cloudtrailopensearch.loader.state.ChainStore;
import org.cloudtrailopensearch.loader.state.IndexChainStore;
import org.cloudtrailopensearch.loader.state.LoadState;
import org.cloudtrailopensearch.loader.validate.IncrementalIntegrity;
import org.cloudtrailopensearch.loader.validate.IntegrityMode;
import org.cloudtrailopensearch.loader.validate.TrailValidation;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code worker}: queue mode, S3 event notifications through SQS, each notified object loaded as {@code load} does. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Long-poll an SQS queue for S3 event notifications (straight from S3, through SNS, or EventBridge "
                + "\"Object Created\") and load each CloudTrail object they name, as `load` does. A message is deleted "
                + "once all its objects are indexed or dead-lettered; any number of workers can share the queue.",
                "SIGTERM: stop receiving, finish what is in work within --shutdown-grace, release the rest, exit.",
                "Exit code: 0 everything indexed (or stopped by SIGTERM), 1 some records dead-lettered, 2 the run "
                        + "could not complete."})
public final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--sqs-queue-url", required = true, paramLabel = "URL",
            description = "The queue the S3 event notifications arrive on.")
    URI queueUrl;

    @Option(names = "--sqs-endpoint-url", paramLabel = "URL",
            description = "An SQS-compatible endpoint instead of AWS (ElasticMQ, LocalStack).")
    URI sqsEndpoint;

    @Option(names = "--once",
            description = "Stop once the queue is empty: a receive finds nothing and no message is in flight anywhere "
                    + "(for tests and Lambda-like runs).")
    boolean once;

    @Option(names = "--max-messages", paramLabel = "N", defaultValue = "0",
            description = "Stop after receiving N messages and finishing them (default: no limit).")
    long maxMessages;

    @Option(names = "--visibility-timeout", defaultValue = "5m", paramLabel = "DURATION",
            converter = LoadCommand.DurationConverter.class,
            description = "How long a received message stays hidden from other workers; extended at half of it while "
                    + "its objects are in work (default: ${DEFAULT-VALUE}).")
    Duration visibilityTimeout;

    @Option(names = "--wait-time", defaultValue = "20s", paramLabel = "DURATION",
            converter = LoadCommand.DurationConverter.class,
            description = "How long one receive long-polls, at most 20s (default: ${DEFAULT-VALUE}).")
    Duration waitTime;

    @Option(names = "--max-in-flight", defaultValue = "10", paramLabel = "N",
            description = "Messages in work at a time (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--status-file", paramLabel = "FILE",
            description = "Write the worker's counts (messages, objects, records, records/s, lag) as JSON to FILE, "
                    + "atomically, every --status-interval and at the end.")
    Path statusFile;

    @Option(names = "--status-interval", defaultValue = "30s", paramLabel = "DURATION",
            converter = LoadCommand.DurationConverter.class,
            description = "How often the status line goes to stderr and the status file is written (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Option(names = "--shutdown-grace", defaultValue = "30s", paramLabel = "DURATION",
            converter = LoadCommand.DurationConverter.class,
            description = "After SIGTERM, how long messages in work may take to finish before they are released "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(names = "--verify-integrity", defaultValue = "off", paramLabel = "off|mark",
            converter = LoadCommand.IntegrityModeConverter.class,
            description = {"mark: hash each log file as it is loaded and verify each digest as it arrives; documents "
                    + "carry their file's verdict in aws.cloudtrail.log_file.integrity, digest_pending until the "
                    + "digest that names the file has been seen, then re-marked. The chain state is shared by all "
                    + "workers through the cluster (--chain-state-index) unless --chain-state names a file. (refuse "
                    + "cannot work in queue mode: a log file arrives before the digest that could prove it.)",
                    "Default: ${DEFAULT-VALUE}."})
    IntegrityMode integrityMode;

    @Option(names = "--chain-state", paramLabel = "FILE",
            description = "With --verify-integrity mark: keep the digest chains and the hashes of loaded log files in "
                    + "a local FILE instead of the cluster: for a single worker (the file is locked by one process).")
    Path chainState;

    @Option(names = "--chain-state-index", paramLabel = "NAME",
            description = {"With --verify-integrity mark: the index in the cluster where every worker keeps the digest "
                    + "chains and the hashes of the log files it loaded, so a log file loaded by one worker is judged "
                    + "when another receives its digest (created if missing; one shard).",
                    "Default: " + IndexChainStore.DEFAULT_INDEX + " (when --chain-state is not given)."})
    String chainStateIndex;

    @Mixin
    PublicKeyOptions publicKeys;

    @Mixin
    StateOptions stateOptions;

    @Mixin
    OpenSearchOptions openSearch;

    @Mixin
    S3Options s3;

    @Mixin
    LoadJobOptions jobOptions;

    @Mixin
    MapperOptions mapperOptions;

    @Override
    public Integer call() throws Exception {
        WorkerSettings settings;
        CloudTrailMapper mapper;
        try {
            if (stateOptions.problem() != null) {
                throw new IllegalArgumentException(stateOptions.problem());
            }
            settings = WorkerSettings.builder().waitTime(waitTime).visibilityTimeout(visibilityTimeout).once(once)
                    .maxMessages(maxMessages).maxInFlight(maxInFlight).statusFile(statusFile)
                    .statusInterval(statusInterval).shutdownGrace(shutdownGrace).build();
            mapper = mapperOptions.applyTo(CloudTrailMapper.builder()).build();
            IncrementalIntegrity.requireSupported(integrityMode);
            if (chainState != null && chainStateIndex != null) {
                throw new IllegalArgumentException("--chain-state FILE and --chain-state-index NAME exclude each other:"
                        + " one worker may keep its chains in a file, several share an index");
            }
            if (integrityMode != IntegrityMode.MARK && (chainState != null || chainStateIndex != null)) {
                throw new IllegalArgumentException("--chain-state and --chain-state-index need --verify-integrity mark");
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("worker: " + e.getMessage());
            return 2;
        }
        LoadState loadState;
        try {
            loadState = stateOptions.open();
        } catch (java.io.IOException e) {
            System.err.println("worker: cannot use the state file: " + e.getMessage());
            return 2;
        }
        OpenSearchClient client;
        try {
            client = openSearch.connect();
        } catch (java.io.IOException | RuntimeException e) {
            loadState.close();
            throw e;
        }
        IncrementalIntegrity integrity = null;
        if (integrityMode == IntegrityMode.MARK) {
            try {
                ChainStore store = chainState != null ? ChainStateFile.open(chainState)
                        : IndexChainStore.open(client, chainStateIndex == null ? IndexChainStore.DEFAULT_INDEX
                                : chainStateIndex);
                integrity = IncrementalIntegrity.open(store,
                        new TrailValidation(publicKeys.files(), System.err).publicKeys(null),
                        IncrementalIntegrity.DEFAULT_RETENTION);
                System.err.println("worker: integrity chain state in " + integrity.describeStore());
            } catch (java.io.IOException | IllegalArgumentException e) {
                loadState.close();
                client._transport().close();
                System.err.println("worker: cannot use the chain state or the public keys: " + e.getMessage());
                return 2;
            }
        }
        QueueWorker.Result result;
        try (S3Client s3Client = s3.toSettings().createClient();
                SqsClient sqs = new SqsClientSettings(queueUrl, Optional.ofNullable(sqsEndpoint)).createClient();
                LoadState state = loadState;
                IncrementalIntegrity chains = integrity) {
            FinishedObjectStep followUp = FinishedObjectStep.NONE;
            LoadJobConfig.Builder config = jobOptions.config("worker", state);
            if (chains != null) {
                config.integrity(chains);
                IntegrityFollowUp step = new IntegrityFollowUp(chains, new IntegrityRemarker(client),
                        IntegrityFollowUp.DigestReader.s3(s3Client), System.err);
                followUp = (object, notified) -> step.objectFinished(object, notified.bucket(), notified.key());
            }
            QueueWorker worker = new QueueWorker(settings, new SqsQueue(sqs, queueUrl.toString()), s3Client,
                    System.err, followUp);
            LoadRun.Builder load = jobOptions.run(config.build(), client, mapper);
            SignalHandler term = Signal.handle(new Signal("TERM"), signal -> worker.stop());
            SignalHandler interrupt = Signal.handle(new Signal("INT"), signal -> worker.stop());
            try {
                result = worker.run(load);
            } finally {
                Signal.handle(new Signal("TERM"), term);
                Signal.handle(new Signal("INT"), interrupt);
            }
            if (result.load() != null && result.load().stoppedBecause() != null) {
                System.err.println("worker: OpenSearch at " + LoadCommand.withoutUserInfo(openSearch.url) + " "
                        + result.load().stoppedBecause());
            }
        } finally {
            client._transport().close();
        }
        return result.exitCode();
    }
}
