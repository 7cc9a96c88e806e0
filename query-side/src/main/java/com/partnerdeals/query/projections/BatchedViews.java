package com.partnerdeals.query.projections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine under a projection that folds events into views: a projection's event handlers only say which view an
 * event changes and how ({@link #change}); this class sees to reading and writing.
 *
 * <p>The processor hands events over in batches, one transaction each (a replay through the processor: up to the
 * batch size; live: what has arrived). Reading and writing a view's row for every event made a replay slow, so the
 * first event of a batch reads the views of all the batch's events in one go ({@link ViewTable#findAll}), the
 * events are folded in memory, and what changed is written once when the batch commits ({@link ViewTable#storeAll}).
 *
 * <p>A view is not read when the engine knows it already: when the batch begins it (its aggregate's first event: there
 * is none yet), or when the engine committed or read it with the event just before the batch's first one of that
 * aggregate ({@link RememberedViews}): a view changes only with its aggregate's events, and the next of those is in
 * this batch. The write still checks: a new view is inserted (the table's key refuses a second one) and a changed one
 * is updated only where the table still holds the state it was folded from ({@link ViewTable#storeAll}).
 *
 * <p>If that write fails, the batch is rolled back, everything remembered is forgotten, and the processor retries
 * it; for a while after, events are written one by one, each in a savepoint of the batch's transaction, so that an
 * event whose change cannot be stored is parked in the dead-letter queue and the others go on, as with any
 * projection. A projection using this class is marked {@link WritesPerBatch}, which keeps {@link SavepointPerEvent}'s
 * savepoint from around handlers that write nothing.
 *
 * @param <K> what identifies a view
 * @param <V> the view, an immutable value
 */
public final class BatchedViews<K, V> {

    private static final Logger log = LoggerFactory.getLogger(BatchedViews.class);
    private static final Duration ONE_BY_ONE_AFTER_FAILURE = Duration.ofMinutes(1);
    private static final AtomicInteger ENGINES = new AtomicInteger();

    private final ViewTable<K, V> table;
    private final Function<EventMessage<?>, K> viewOf;
    private final RememberedViews<K, V> remembered;
    private final TransactionTemplate savepoint;
    /** The unit of work's resource names: one engine's batch is not another's. */
    private final String batchResource;
    private final String oneByOneResource;
    private volatile long oneByOneUntilNanos = System.nanoTime();

    /**
     * @param viewOf     which view an event message of a batch changes, or null if none of this table's: the
     *                   aggregate whose events, from its first, fold into the view; read without deserialising the
     *                   payload where it can (the aggregate's identifier and type)
     * @param remembered how many views to remember between batches (0: every batch reads its views)
     */
    public BatchedViews(ViewTable<K, V> table, Function<EventMessage<?>, K> viewOf,
                        PlatformTransactionManager transactions, int remembered) {
        this.table = table;
        this.viewOf = viewOf;
        this.remembered = new RememberedViews<>(remembered);
        int engine = ENGINES.incrementAndGet();
        this.batchResource = BatchedViews.class.getName() + ".batch." + engine;
        this.oneByOneResource = BatchedViews.class.getName() + ".oneByOne." + engine;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * One step of the fold: {@code step} gets the view so far (null if it has none) and answers the next, or the
     * same instance if the event changes nothing (an event delivered again, say).
     */
    public void change(K id, UnaryOperator<V> step) {
        if (!CurrentUnitOfWork.isStarted()) {
            writeNow(id, step);
        } else if (oneByOne(CurrentUnitOfWork.get().root())) {
            savepoint.executeWithoutResult(status -> writeNow(id, step));
        } else {
            batch().change(id, step);
        }
    }

    /**
     * Decided once per batch: a batch that has begun folding in memory must not write a later event of the same
     * view directly, or storing the batch would overwrite that write with a view that lacks it.
     */
    private boolean oneByOne(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(oneByOneResource, key -> System.nanoTime() - oneByOneUntilNanos < 0);
    }

    /** Forgets every view remembered: the tables were emptied or replaced. */
    public void forgetAll() {
        remembered.forgetAll();
    }

    private void writeNow(K id, UnaryOperator<V> step) {
        remembered.forget(id);
        Batch<K, V> single = new Batch<>(table);
        single.change(id, step);
        single.store();
    }

    /**
     * The current batch's views; the first event of a batch reads those of all the batch's events that the engine
     * does not know already.
     */
    private Batch<K, V> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(batchResource, key -> {
            Batch<K, V> batch = new Batch<>(table);
            if (unitOfWork instanceof BatchingUnitOfWork<?> events) {
                Map<K, Long> firstSequences = new LinkedHashMap<>();
                for (Object message : events.getMessages()) {
                    K id = message instanceof EventMessage<?> event ? viewOf.apply(event) : null;
                    if (id != null) {
                        Long sequence = message instanceof DomainEventMessage<?> event ? event.getSequenceNumber() : null;
                        firstSequences.putIfAbsent(id, sequence);
                        batch.lastSequences.put(id, sequence);
                    }
                }
                batch.read(firstSequences, remembered);
            }
            unitOfWork.onPrepareCommit(committing -> store(batch));
            unitOfWork.afterCommit(committed -> batch.remember(remembered));
            unitOfWork.onRollback(rolledBack -> remembered.forgetAll());
            return batch;
        });
    }

    private void store(Batch<K, V> batch) {
        try {
            batch.store();
        } catch (RuntimeException failure) {
            oneByOneUntilNanos = System.nanoTime() + ONE_BY_ONE_AFTER_FAILURE.toNanos();
            log.warn("Storing a batch of {} failed; writing event by event for {} so that a failing event is parked",
                    table.getClass().getSimpleName(), ONE_BY_ONE_AFTER_FAILURE, failure);
            throw failure;
        }
    }

    /**
     * The views that one batch of events changes. Confined to the thread processing the batch; a segment's events,
     * and so a view's, are only ever in one batch at a time.
     */
    private static final class Batch<K, V> {

        private final ViewTable<K, V> table;
        private final Set<K> read = new HashSet<>();
        /** The views as they are in the tables; an id without a view is absent. */
        private final Map<K, V> stored = new HashMap<>();
        /** The views as each of the batch's events left them, in the order they were first changed. */
        private final Map<K, List<V>> steps = new LinkedHashMap<>();
        /** Per view, the sequence number of the batch's last event of its aggregate (null: not a domain event). */
        private final Map<K, Long> lastSequences = new HashMap<>();

        Batch(ViewTable<K, V> table) {
            this.table = table;
        }

        /**
         * Takes the views the engine knows without reading, from the sequence number of each one's first event in
         * the batch, and reads the others in one go.
         */
        void read(Map<K, Long> firstSequences, RememberedViews<K, V> remembered) {
            List<K> unknown = new ArrayList<>();
            firstSequences.forEach((id, sequence) -> {
                RememberedViews.Remembered<V> known = sequence == null ? null : remembered.get(id);
                if (sequence != null && sequence == 0) {
                    read.add(id);
                } else if (known != null && known.sequence() + 1 == sequence) {
                    stored.put(id, known.view());
                    read.add(id);
                } else {
                    unknown.add(id);
                }
            });
            read(unknown);
        }

        /** After the commit: the views as stored now, with the last event handled of each. */
        void remember(RememberedViews<K, V> remembered) {
            Set<K> touched = new HashSet<>(lastSequences.keySet());
            touched.addAll(steps.keySet());
            for (K id : touched) {
                Long sequence = lastSequences.get(id);
                V view = steps.containsKey(id) ? steps.get(id).get(steps.get(id).size() - 1) : stored.get(id);
                if (sequence != null && view != null) {
                    remembered.put(id, view, sequence);
                } else {
                    remembered.forget(id);
                }
            }
        }

        /** Reads the views of those ids not read yet, in one go. */
        void read(Collection<K> ids) {
            List<K> unread = ids.stream().filter(id -> !read.contains(id)).distinct().toList();
            if (!unread.isEmpty()) {
                stored.putAll(table.findAll(unread));
                read.addAll(unread);
            }
        }

        void change(K id, UnaryOperator<V> step) {
            read(List.of(id));
            List<V> viewSteps = steps.get(id);
            V before = viewSteps == null ? stored.get(id) : viewSteps.get(viewSteps.size() - 1);
            V after = step.apply(before);
            if (after != before) {
                steps.computeIfAbsent(id, unchanged -> new ArrayList<>()).add(after);
            }
        }

        void store() {
            if (!steps.isEmpty()) {
                table.storeAll(steps.entrySet().stream()
                        .map(view -> new ViewTable.ViewChange<>(view.getKey(), stored.get(view.getKey()), view.getValue()))
                        .toList());
            }
        }
    }
}
