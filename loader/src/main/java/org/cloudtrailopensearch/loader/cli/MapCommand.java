package org.cloudtrailopensearch.loader.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;
import org.cloudtrailopensearch.mapper.PayloadRetention;
import org.cloudtrailopensearch.loader.read.CloudTrailFileReader;
import org.cloudtrailopensearch.loader.read.ReadFailure;
import org.cloudtrailopensearch.loader.read.RecordVisitor;
import org.cloudtrailopensearch.loader.map.RecordMapping;
import org.cloudtrailopensearch.loader.read.SourceRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code map}: CloudTrail records in, ECS NDJSON out. A thin shell around {@link CloudTrailFileReader} and
 * {@link CloudTrailMapper}, so the mapping can be checked (and piped) from outside.
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Map CloudTrail records to ECS documents, one JSON document per line on stdout.",
                "Input: CloudTrail log files ({\"Records\":[...]}, .json or .json.gz), digest files, or one record "
                        + "per line (NDJSON, gzip or not); '-' or no FILE reads stdin.",
                "Rejected records go to stderr as '<file>#<index>: <REASON>: <message>' (index: position in Records, or line - 1).",
                "Exit code: 0 all records mapped, 1 some rejected, 2 unusable input or options."})
public final class MapCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Input files; '-' or none for stdin.")
    List<String> files;

    @Option(names = "--geoip-city", paramLabel = "MMDB", description = "GeoIP2/GeoLite2 City database (default: embedded GeoLite2 2019).")
    Path geoIpCity;

    @Option(names = "--geoip-asn", paramLabel = "MMDB", description = "GeoIP2/GeoLite2 ASN database (default: embedded GeoLite2 2019).")
    Path geoIpAsn;

    @Option(names = "--no-geoip", description = "Do not add source.geo.* / source.as.*.")
    boolean noGeoIp;

    @Mixin
    MapperOptions mapperOptions;

    @Option(names = "--retain", paramLabel = "MODE", defaultValue = "ALL",
            description = "Payload forms to keep: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PayloadRetention retain;

    @Option(names = "--max-record-bytes", defaultValue = "1048576",
            description = {"Records larger than this are rejected as TOO_LARGE (default: ${DEFAULT-VALUE}, as in "
                    + "`load`, so that `map` shows what `load` would index). 1 MiB is four times CloudTrail's largest "
                    + "event (256 KB)."})
    int maxRecordBytes;

    private PrintStream err = System.err;
    private OutputStream out = System.out;
    private InputStream stdin = System.in;

    /** For tests: where to read stdin from and write results to. */
    MapCommand withStreams(InputStream stdin, OutputStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        CloudTrailMapper mapper;
        try {
            CloudTrailMapper.Builder builder = CloudTrailMapper.builder().maxRecordBytes(maxRecordBytes)
                    .payloadRetention(retain).geoIp(!noGeoIp).geoIpDatabases(geoIpCity, geoIpAsn);
            mapper = mapperOptions.applyTo(builder).build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("map: " + e.getMessage());
            return 2;
        }
        Totals totals = new Totals();
        List<String> inputs = files == null || files.isEmpty() ? List.of("-") : files;
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        try (JsonGenerator generator = JSON.getFactory().createGenerator(buffered, JsonEncoding.UTF8)) {
            generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            CloudTrailFileReader reader = new CloudTrailFileReader(maxRecordBytes);
            for (String input : inputs) {
                mapInput(input, reader, mapper, generator, totals);
            }
        }
        buffered.flush();
        err.printf("map: %d mapped, %d rejected%s%n", totals.mapped, totals.rejected,
                totals.unusable > 0 ? ", " + totals.unusable + " input(s) unusable" : "");
        return totals.unusable > 0 ? 2 : totals.rejected > 0 ? 1 : 0;
    }

    private void mapInput(String input, CloudTrailFileReader reader, CloudTrailMapper mapper, JsonGenerator generator,
            Totals totals) {
        String source = input.equals("-") ? "stdin" : input;
        CloudTrailFileReader.Opener opener = input.equals("-")
                ? () -> new FilterInputStream(stdin) {
                    @Override
                    public void close() {
                        // stdin belongs to the process, not to this input
                    }
                }
                : () -> Files.newInputStream(Path.of(input));
        reader.read(source, opener, new RecordVisitor() {
            @Override
            public void onRecord(SourceRecord record) {
                write(record, mapper, generator, totals);
            }

            @Override
            public void onFailure(ReadFailure failure) {
                flush(generator);
                err.println(failure.location() + ": " + failure.reason() + ": " + failure.message());
                totals.unusable++;
            }
        });
    }

    private void write(SourceRecord record, CloudTrailMapper mapper, JsonGenerator generator, Totals totals) {
        MappingResult result;
        try {
            result = RecordMapping.writeTo(mapper, record, generator);
            if (result instanceof MappingResult.Mapped) {
                generator.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to stdout", e);
        }
        if (result instanceof MappingResult.Mapped) {
            totals.mapped++;
        } else if (result instanceof MappingResult.Rejected rejected) {
            flush(generator); // keep stdout and stderr in order when both go to a terminal
            err.println(record.location() + ": " + rejected.reason() + ": " + rejected.message());
            totals.rejected++;
        }
    }

    private static void flush(JsonGenerator generator) {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to stdout", e);
        }
    }

    private static final class Totals {
        long mapped;
        long rejected;
        int unusable;
    }
}
