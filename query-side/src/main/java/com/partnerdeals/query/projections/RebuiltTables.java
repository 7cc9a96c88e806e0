package com.partnerdeals.query.projections;

import com.partnerdeals.query.projections.FoldedReadModel.Fold;
import com.partnerdeals.query.projections.FoldedReadModel.Table;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a rebuilt read model's rows wait until they replace the live ones, in the same transaction as the
 * processor's tokens move on: queries see the complete old tables until that commit, then the complete new ones.
 */
abstract sealed class RebuiltTables {

    private static final int BATCH = 1_000;

    final JdbcTemplate jdbc;
    final List<Table> tables;

    private RebuiltTables(JdbcTemplate jdbc, List<Table> tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    static RebuiltTables of(JdbcTemplate jdbc, PlatformTransactionManager transactions, List<Table> tables) {
        String database = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(database) ? new ShadowTables(jdbc, transactions, tables) : new InPlace(jdbc, tables);
    }

    /** Writes every row of the fold somewhere the queries do not read yet; the live processor still runs. */
    abstract void load(Fold fold);

    /**
     * Inside the switch's transaction: takes over the rows of the keys changed since {@link #load}, then makes
     * the rebuilt rows the live ones.
     */
    abstract void replaceLive(Fold fold, Collection<Object> changedSinceLoad);

    /** Removes what an unfinished rebuild left. */
    abstract void discard();

    static String columns(Table table) {
        return table.columns().stream().map(FoldedReadModel.Column::name).collect(Collectors.joining(", "));
    }

    /**
     * PostgreSQL: the rows go with {@code COPY} into a table beside each live one, without indexes; the indexes
     * and constraints of the live table are built once the rows are in, then the table is analysed. The switch
     * drops the live table and renames the rebuilt one (and its indexes) into its place: PostgreSQL's DDL is
     * transactional, so queries see one or the other, and briefly wait for the switch.
     */
    static final class ShadowTables extends RebuiltTables {

        private static final String SUFFIX = "_rebuilt";
        private static final Pattern INDEX_DEFINITION = Pattern.compile("(CREATE (?:UNIQUE )?INDEX )(\\S+)( ON (?:ONLY )?)(\\S+)( .*)");

        private final TransactionTemplate transaction;
        /** Per live table: the names of its constraints and indexes, which the rebuilt ones take at the switch. */
        private final Map<String, Renames> renames = new HashMap<>();

        private record Renames(List<String> constraints, List<String> indexes) {
        }

        ShadowTables(JdbcTemplate jdbc, PlatformTransactionManager transactions, List<Table> tables) {
            super(jdbc, tables);
            this.transaction = new TransactionTemplate(transactions);
        }

        @Override
        void load(Fold fold) {
            transaction.executeWithoutResult(status -> {
                for (Table table : tables) {
                    String rebuilt = table.name() + SUFFIX;
                    jdbc.execute("DROP TABLE IF EXISTS " + rebuilt);
                    jdbc.execute("CREATE TABLE " + rebuilt + " (LIKE " + table.name()
                            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)");
                    copy(table, rebuilt, fold, null);
                    indexLikeLive(table.name(), rebuilt);
                    jdbc.execute("ANALYZE " + rebuilt);
                }
            });
        }

        /** The live table's primary key, unique constraints and indexes, built on the rebuilt one under new names. */
        private void indexLikeLive(String live, String rebuilt) {
            List<Map<String, Object>> constraints = jdbc.queryForList("""
                    SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                    WHERE conrelid = to_regclass(?) AND contype IN ('p', 'u', 'x')""", live);
            List<Map<String, Object>> indexes = jdbc.queryForList("""
                    SELECT i.relname, pg_get_indexdef(i.oid) AS definition FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE x.indrelid = to_regclass(?) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
                    live);
            for (Map<String, Object> constraint : constraints) {
                jdbc.execute("ALTER TABLE " + rebuilt + " ADD CONSTRAINT " + constraint.get("conname") + SUFFIX + " "
                        + constraint.get("definition"));
            }
            for (Map<String, Object> index : indexes) {
                Matcher definition = INDEX_DEFINITION.matcher((String) index.get("definition"));
                if (!definition.matches()) {
                    throw new IllegalStateException("Cannot rebuild index " + index.get("relname") + ": " + index.get("definition"));
                }
                jdbc.execute(definition.group(1) + definition.group(2) + SUFFIX + definition.group(3) + rebuilt + definition.group(5));
            }
            renames.put(live, new Renames(names(constraints, "conname"), names(indexes, "relname")));
        }

        private static List<String> names(List<Map<String, Object>> rows, String column) {
            return rows.stream().map(row -> (String) row.get(column)).toList();
        }

        @Override
        void replaceLive(Fold fold, Collection<Object> changedSinceLoad) {
            for (Table table : tables) {
                String rebuilt = table.name() + SUFFIX;
                if (!changedSinceLoad.isEmpty()) {
                    for (List<Object> keys : chunks(changedSinceLoad)) {
                        jdbc.update("DELETE FROM " + rebuilt + " WHERE " + table.keyColumn() + " IN ("
                                + keys.stream().map(key -> "?").collect(Collectors.joining(", ")) + ")", keys.toArray());
                    }
                    copy(table, rebuilt, fold, changedSinceLoad);
                }
                jdbc.execute("DROP TABLE " + table.name());
                jdbc.execute("ALTER TABLE " + rebuilt + " RENAME TO " + table.name());
                Renames names = renames.get(table.name());
                for (String constraint : names.constraints()) {
                    jdbc.execute("ALTER TABLE " + table.name() + " RENAME CONSTRAINT " + constraint + SUFFIX + " TO " + constraint);
                }
                for (String index : names.indexes()) {
                    jdbc.execute("ALTER INDEX " + index + SUFFIX + " RENAME TO " + index);
                }
            }
        }

        @Override
        void discard() {
            tables.forEach(table -> jdbc.execute("DROP TABLE IF EXISTS " + table.name() + SUFFIX));
        }

        /** {@code COPY ... FROM STDIN} in CSV: the rows of the keys (all when null). */
        private void copy(Table table, String into, Fold fold, Collection<Object> keys) {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + into + " (" + columns(table) + ") FROM STDIN WITH (FORMAT csv)");
                try {
                    CsvRows csv = new CsvRows(copy);
                    fold.rows(table, keys, csv::add);
                    csv.flush();
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                return null;
            });
        }
    }

    /**
     * Other databases (H2, the embedded default): the switch empties the live tables and inserts every rebuilt
     * row, in one transaction. Readers keep seeing the old rows until it commits (MVCC), and H2 holds the
     * development-sized models this is for.
     */
    static final class InPlace extends RebuiltTables {

        InPlace(JdbcTemplate jdbc, List<Table> tables) {
            super(jdbc, tables);
        }

        @Override
        void load(Fold fold) {
            // The rows stay in the fold until the switch.
        }

        @Override
        void replaceLive(Fold fold, Collection<Object> changedSinceLoad) {
            for (Table table : tables) {
                jdbc.update("DELETE FROM " + table.name());
                String insert = "INSERT INTO " + table.name() + " (" + columns(table) + ") VALUES ("
                        + table.columns().stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
                int[] types = table.columns().stream().mapToInt(FoldedReadModel.Column::sqlType).toArray();
                List<Object[]> batch = new ArrayList<>(BATCH);
                fold.rows(table, null, row -> {
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        jdbc.batchUpdate(insert, batch, types);
                        batch.clear();
                    }
                });
                if (!batch.isEmpty()) {
                    jdbc.batchUpdate(insert, batch, types);
                }
            }
        }

        @Override
        void discard() {
            // Nothing was written before the switch.
        }
    }

    private static List<List<Object>> chunks(Collection<Object> keys) {
        List<List<Object>> chunks = new ArrayList<>();
        List<Object> chunk = new ArrayList<>();
        for (Object key : keys) {
            chunk.add(key);
            if (chunk.size() == BATCH) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** Rows as PostgreSQL's CSV: null unquoted and empty, every text quoted. Sent in blocks of about 64 KB. */
    private static final class CsvRows {

        private static final int BLOCK = 1 << 16;
        private final CopyIn copy;
        private final StringBuilder text = new StringBuilder(BLOCK + 4096);

        CsvRows(CopyIn copy) {
            this.copy = copy;
        }

        void add(Object[] row) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                append(row[i]);
            }
            text.append('\n');
            if (text.length() >= BLOCK) {
                flush();
            }
        }

        private void append(Object value) {
            if (value == null) {
                return;
            }
            if (value instanceof BigDecimal decimal) {
                text.append(decimal.toPlainString());
            } else if (value instanceof Number || value instanceof Boolean) {
                text.append(value);
            } else if (value instanceof OffsetDateTime time) {
                text.append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
            } else {
                text.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
            }
        }

        void flush() {
            if (text.isEmpty()) {
                return;
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException failure) {
                throw new IllegalStateException("COPY failed", failure);
            }
            text.setLength(0);
        }
    }
}
