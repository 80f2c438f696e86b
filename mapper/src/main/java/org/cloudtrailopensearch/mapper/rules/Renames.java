package org.cloudtrailopensearch.mapper.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rename tables of {@code renames.tsv}: which CloudTrail names are copied, as they are, to which names of the
 * document. Each constant is one table (the file's header says what it reads and where it writes); rows keep the
 * file's order, which is the order of the fields in the document.
 */
enum Renames {
    EVENT(true),
    ADDENDUM(false),
    USER_IDENTITY(false),
    IN_SCOPE_OF(false),
    ON_BEHALF_OF(false),
    SESSION_ISSUER(false),
    SESSION_CONTEXT(false),
    PAYLOAD(true),
    INSIGHT_DETAILS(false),
    DIGEST(true),
    DIGEST_TIME(true);

    /**
     * One row.
     *
     * @param from     the CloudTrail name
     * @param to       the document name
     * @param topField the top-level field named {@code from}, for tables of top-level fields; else null
     */
    record Rename(String from, String to, TopField topField) {
    }

    private static final String TABLE = "renames.tsv";

    static {
        Map<Renames, List<Rename>> rows = new EnumMap<>(Renames.class);
        for (RuleTable.Row row : RuleTable.read(TABLE, 3)) {
            Renames table;
            try {
                table = valueOf(row.column(0).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw row.error("unknown table " + row.column(0));
            }
            TopField topField = null;
            if (table.topLevel) {
                topField = TopField.named(row.column(1));
                if (topField == null) {
                    throw row.error(row.column(1) + " is not a top-level field of " + TopField.TABLE);
                }
            }
            rows.computeIfAbsent(table, t -> new ArrayList<>()).add(new Rename(row.column(1), row.column(2), topField));
        }
        for (Renames table : values()) {
            List<Rename> renames = rows.get(table);
            if (renames == null) {
                throw new IllegalStateException(TABLE + ": no row for table " + table.name().toLowerCase(Locale.ROOT));
            }
            table.rows = renames.toArray(new Rename[0]);
        }
    }

    /** Whether {@code from} is a top-level field of the record (else a key of the object the table reads). */
    private final boolean topLevel;
    private Rename[] rows;

    Renames(boolean topLevel) {
        this.topLevel = topLevel;
    }

    /** The table's rows, in file order; shared: callers must not change the array. */
    Rename[] rows() {
        return rows;
    }

    /** The row renaming {@code field} (a table of top-level fields), or null. */
    Rename of(TopField field) {
        for (Rename rename : rows) {
            if (rename.topField() == field) {
                return rename;
            }
        }
        return null;
    }
}
