package org.cloudtrailopensearch.mapper.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the mapper's rule tables: a tab-separated resource file next to this class, {@code #} comments and blank
 * lines ignored. Each table is read once, by the class whose rules it holds; a malformed row fails that class's
 * initialisation with an {@link IllegalStateException} naming the file and the line.
 */
final class RuleTable {

    private static final String RESOURCE_DIR = "/org/cloudtrailopensearch/mapper/";

    /** A row of a table, with where it came from for error messages. */
    record Row(String table, int line, String[] columns) {

        String column(int index) {
            return columns[index];
        }

        /** An exception saying what is wrong with this row, naming the file and the line. */
        IllegalStateException error(String problem) {
            return new IllegalStateException(table + " line " + line + ": " + problem);
        }
    }

    private RuleTable() {
    }

    /** The rows of {@code resource}, each with at least {@code minColumns} columns. */
    static List<Row> read(String resource, int minColumns) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = RuleTable.class.getResourceAsStream(RESOURCE_DIR + resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE_DIR + resource + " is missing from the mapper jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Row row = new Row(resource, lineNumber, line.split("\t"));
                if (row.columns().length < minColumns) {
                    throw row.error("expected " + minColumns + " tab-separated columns, found " + row.columns().length);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return rows;
    }
}
