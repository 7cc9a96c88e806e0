package com.partnerdeals.query.projections;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;

/**
 * A read model that {@link ReadModelRebuilds} can rebuild in bulk: every stored event is folded in memory, then
 * the tables are written in one go and replace the live ones at once. Its processing group keeps it up to date
 * as usual between rebuilds.
 */
public interface FoldedReadModel {

    /** The processing group whose tables these are, and whose tokens the rebuild moves on. */
    String processingGroup();

    /** The tables, each with every column the fold writes, in the order {@link Fold#rows} gives them. */
    List<Table> tables();

    /** An empty fold: the read model before the first event. */
    Fold newFold();

    /** Called once rebuilt tables have replaced the live ones, before the processor starts again. */
    default void tablesReplaced() {
    }

    /** A column and its JDBC type (for nulls). */
    record Column(String name, int sqlType) {
    }

    /** A table whose rows all belong to one key (the aggregate whose events make them). */
    record Table(String name, String keyColumn, List<Column> columns) {

        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** The read model as the events folded so far leave it; used by one thread. */
    interface Fold {

        /** Folds the next event; answers the key whose rows it may have changed, or null if none. */
        Object apply(EventMessage<?> event);

        /** The rows of {@code table} for the keys (all keys when null), each in the table's column order. */
        void rows(Table table, Collection<Object> keys, Consumer<Object[]> row);
    }
}
