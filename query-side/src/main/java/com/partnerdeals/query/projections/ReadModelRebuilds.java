package com.partnerdeals.query.projections;

import com.partnerdeals.query.projections.FoldedReadModel.Fold;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a {@link FoldedReadModel} from the first event without showing a half-built model: queries answer
 * from the previous, complete tables until the rebuilt ones replace them in one transaction.
 *
 * <ol>
 * <li>Folds every event stored so far in memory, read with one streaming query ({@link StoredEventScan}); the
 *     read model's processor meanwhile keeps the live tables up to date.</li>
 * <li>Writes the folded rows beside the live tables in bulk ({@link RebuiltTables}).</li>
 * <li>Stops the processor, folds the events stored since step 1, and in one transaction takes them into the
 *     rebuilt rows, puts those in place of the live ones, sets every segment's token to the last event folded
 *     and empties the dead-letter queue (the rebuild handled every event again).</li>
 * <li>Starts the processor again: it goes on from there.</li>
 * </ol>
 * The processor stands still only for step 3, which holds the events of a moment. If any step fails, the live
 * tables are left as they were and {@code ifFailed} runs: {@link Projections} then replays through the processor,
 * which parks an event the read model cannot take instead of failing on it.
 */
@Component
public class ReadModelRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);

    private final Map<String, FoldedReadModel> models;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final StoredEventScan events;
    /** The rebuilds running on this node, by processing group: how far each has read. */
    private final Map<String, Progress> running = new ConcurrentHashMap<>();

    ReadModelRebuilds(List<FoldedReadModel> models, EventProcessingConfiguration processing, TokenStore tokens,
                      JdbcTemplate jdbc, PlatformTransactionManager transactions,
                      @Qualifier("eventSerializer") Serializer eventSerializer, ObjectProvider<EventUpcaster> upcasters) {
        this.models = models.stream().collect(Collectors.toMap(FoldedReadModel::processingGroup, Function.identity()));
        this.processing = processing;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = new StoredEventScan(jdbc, transactions, eventSerializer,
                new EventUpcasterChain(upcasters.orderedStream().toList()));
    }

    /** How far a running rebuild has read: the last event folded, of the head when it started. */
    private static final class Progress {
        private volatile long head;
        private volatile long folded = -1;

        double fraction() {
            return head <= 0 ? 0.0 : Math.min(1.0, Math.max(0.0, (double) folded / head));
        }
    }

    boolean canRebuild(String processingGroup) {
        return models.containsKey(processingGroup);
    }

    boolean isRunning(String processingGroup) {
        return running.containsKey(processingGroup);
    }

    /** From 0 to 1 while a rebuild runs, empty otherwise. */
    Optional<Double> progress(String processingGroup) {
        return Optional.ofNullable(running.get(processingGroup)).map(Progress::fraction);
    }

    /** Starts rebuilding in the background; answers false if one is already running. */
    boolean start(String processingGroup, Runnable ifFailed) {
        FoldedReadModel model = models.get(processingGroup);
        Progress progress = new Progress();
        if (running.putIfAbsent(processingGroup, progress) != null) {
            return false;
        }
        Thread rebuild = new Thread(() -> {
            try {
                rebuild(model, progress);
            } catch (RuntimeException | OutOfMemoryError failure) {
                // Out of memory too: the fold is what fills the heap, and it is gone once this thread lets go of it.
                log.warn("Rebuilding {} in bulk failed; the live tables are unchanged, replaying through the processor "
                        + "instead", processingGroup, failure);
                ifFailed.run();
            } finally {
                running.remove(processingGroup);
            }
        }, "rebuild-" + processingGroup);
        rebuild.setDaemon(true);
        rebuild.start();
        return true;
    }

    private void rebuild(FoldedReadModel model, Progress progress) {
        String name = model.processingGroup();
        long started = System.nanoTime();
        progress.head = events.head();
        Fold fold = model.newFold();
        StoredEventScan.Position folded = events.scan(StoredEventScan.Position.START, progress.head, event -> {
            fold.apply(event);
            progress.folded = event.trackingToken().position().orElse(progress.folded);
        });
        long foldedAt = System.nanoTime();
        RebuiltTables tables = RebuiltTables.of(jdbc, transactions, model.tables());
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor " + name));
        try {
            tables.load(fold);
            long loadedAt = System.nanoTime();
            processor.shutDown();
            try {
                Set<Object> changed = new HashSet<>();
                StoredEventScan.Position end = events.scan(folded, Long.MAX_VALUE, event -> {
                    Object key = fold.apply(event);
                    if (key != null) {
                        changed.add(key);
                    }
                });
                new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    tables.replaceLive(fold, changed);
                    moveTokens(name, end.token());
                    processing.deadLetterQueue(name).ifPresent(SequencedDeadLetterQueue::clear);
                });
                model.tablesReplaced();
                log.info("Rebuilt {} up to event {}: folded in {} ms, written in {} ms, switched in {} ms ({} keys "
                                + "changed by events stored meanwhile)", name, end.last(), millis(started, foldedAt),
                        millis(foldedAt, loadedAt), millis(loadedAt, System.nanoTime()), changed.size());
            } finally {
                processor.start();
            }
        } catch (RuntimeException failure) {
            discardQuietly(tables, failure);
            throw failure;
        }
    }

    /** Every segment's token, claimed for the moment of the switch: a segment another node holds fails it. */
    private void moveTokens(String name, TrackingToken token) {
        int[] segments = tokens.fetchSegments(name);
        if (segments.length == 0) {
            throw new IllegalStateException(name + " has no tokens yet; its processor has never run");
        }
        for (int segment : segments) {
            tokens.fetchToken(name, segment);
            tokens.storeToken(token, name, segment);
            tokens.releaseClaim(name, segment);
        }
    }

    private static void discardQuietly(RebuiltTables tables, RuntimeException failure) {
        try {
            tables.discard();
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
