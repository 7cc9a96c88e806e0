package com.partnerdeals.query.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerdeals.query.ReadModelDatabase;
import com.partnerdeals.query.projections.ViewTable.ViewChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine under folding projections, over a table in memory that records what it is asked to read and store.
 * The view is a count of events per aggregate, with the version of the last one, as a deal's view is its fold.
 */
class BatchedViewsTest {

    record Count(String id, long version, int events) {
    }

    final RecordingTable table = new RecordingTable();
    BatchedViews<String, Count> views;

    @BeforeEach
    void setUp() {
        views = new BatchedViews<>(table, message -> ((DomainEventMessage<?>) message).getAggregateIdentifier(),
                ReadModelDatabase.migrated().transactions(), 100);
    }

    @Test
    void aBatchReadsAllItsViewsInOneGoAndStoresWhatItChangedOnceWhenItCommits() {
        table.rows.put("a", new Count("a", 0, 1));
        table.rows.put("c", new Count("c", 0, 1));

        process(event("a", 1), event("c", 1), event("a", 2), event("a", 1));

        assertThat(table.reads).containsExactly(List.of("a", "c"));
        assertThat(table.stores).containsExactly(List.of(
                new ViewChange<>("a", new Count("a", 0, 1), List.of(new Count("a", 1, 2), new Count("a", 2, 3))),
                new ViewChange<>("c", new Count("c", 0, 1), List.of(new Count("c", 1, 2)))));
        assertThat(table.rows).containsEntry("a", new Count("a", 2, 3)).containsEntry("c", new Count("c", 1, 2));
    }

    @Test
    void aViewBegunInTheBatchIsNotLookedFor() {
        process(event("b", 0), event("b", 1));

        assertThat(table.reads).isEmpty();
        assertThat(table.rows).containsEntry("b", new Count("b", 1, 2));
    }

    @Test
    void aViewCommittedWithTheEventJustBeforeIsNotReadAgain() {
        table.rows.put("a", new Count("a", 0, 1));
        process(event("a", 1));
        process(event("a", 2), event("b", 0));
        process(event("a", 3));

        assertThat(table.reads).containsExactly(List.of("a"));
        assertThat(table.rows).containsEntry("a", new Count("a", 3, 4));
    }

    /** Another node handled the events between, or this one's memory has no room: the stored view is the truth. */
    @Test
    void aViewIsReadAgainWhenTheBatchDoesNotFollowOnFromWhatWasRemembered() {
        process(event("a", 0));
        table.rows.put("a", new Count("a", 1, 2));
        process(event("a", 2));

        assertThat(table.reads).containsExactly(List.of("a"));
        assertThat(table.rows).containsEntry("a", new Count("a", 2, 3));
    }

    @Test
    void nothingIsRememberedWithoutRoomForIt() {
        views = new BatchedViews<>(table, message -> ((DomainEventMessage<?>) message).getAggregateIdentifier(),
                ReadModelDatabase.migrated().transactions(), 0);
        process(event("a", 0));
        process(event("a", 1));

        assertThat(table.reads).containsExactly(List.of("a"));
    }

    @Test
    void aViewChangedBehindTheEnginesBackFailsTheBatchWhichThenReadsIt() {
        process(event("a", 0));
        table.rows.put("a", new Count("a", 0, 7));

        assertThatThrownBy(() -> process(event("a", 1))).isInstanceOf(IllegalStateException.class);
        process(event("a", 1));

        assertThat(table.reads).containsExactly(List.of("a"));
        assertThat(table.rows).containsEntry("a", new Count("a", 1, 8));
    }

    @Test
    void forgettingEverythingMakesTheNextBatchReadItsViews() {
        process(event("a", 0));
        views.forgetAll();
        process(event("a", 1));

        assertThat(table.reads).containsExactly(List.of("a"));
    }

    @Test
    void aBatchWhoseEventsChangeNothingStoresNothing() {
        table.rows.put("a", new Count("a", 3, 4));

        process(event("a", 2), event("a", 3));

        assertThat(table.stores).isEmpty();
    }

    @Test
    void anEventOutsideABatchIsStoredAtOnce() {
        views.change("a", step("a", 0));

        assertThat(table.stores).containsExactly(List.of(new ViewChange<>("a", null, List.of(new Count("a", 0, 1)))));
    }

    /** As the processor does with a failing event: it is parked and the batch goes on. */
    @Test
    void afterABatchFailedToStoreEachEventIsStoredAloneSoThatOnlyTheFailingOneIsParked() {
        table.failingIds.add("bad");
        assertThatThrownBy(() -> process(event("a", 0), event("bad", 0))).isInstanceOf(IllegalStateException.class);
        assertThat(table.rows).isEmpty();

        List<String> parked = process(event("a", 0), event("bad", 0), event("c", 0));

        assertThat(parked).containsExactly("bad");
        assertThat(table.rows).containsOnlyKeys("a", "c");
        assertThat(table.stores).extracting(changes -> changes.stream().map(ViewChange::id).toList())
                .containsExactly(List.of("a", "bad"), List.of("a"), List.of("bad"), List.of("c"));
    }

    private static EventMessage<?> event(String id, long sequence) {
        return new GenericDomainEventMessage<>("Counted", id, sequence, "event " + sequence);
    }

    /** The fold: one more event, unless it is one the view has seen (the same instance then). */
    private static UnaryOperator<Count> step(String id, long sequence) {
        return before -> before != null && sequence <= before.version()
                ? before
                : new Count(id, sequence, before == null ? 1 : before.events() + 1);
    }

    /** Handles the events as one batch, as the processor does; answers the ids whose events failed, in order. */
    private List<String> process(EventMessage<?>... events) {
        List<String> failed = new ArrayList<>();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(events));
        ResultMessage<?> result = batch.executeWithResult(() -> {
            DomainEventMessage<?> event = (DomainEventMessage<?>) batch.getMessage();
            String id = event.getAggregateIdentifier();
            try {
                views.change(id, step(id, event.getSequenceNumber()));
            } catch (IllegalStateException parked) {
                failed.add(id);
            }
            return null;
        });
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
        return failed;
    }

    static final class RecordingTable implements ViewTable<String, Count> {

        final Map<String, Count> rows = new HashMap<>();
        final List<List<String>> reads = new ArrayList<>();
        final List<List<ViewChange<String, Count>>> stores = new ArrayList<>();
        final Set<String> failingIds = new HashSet<>();

        @Override
        public Map<String, Count> findAll(Collection<String> ids) {
            reads.add(List.copyOf(ids));
            Map<String, Count> found = new HashMap<>();
            ids.stream().filter(rows::containsKey).forEach(id -> found.put(id, rows.get(id)));
            return found;
        }

        /** As a table's key and a conditional update do: a view is written only over what it was folded from. */
        @Override
        public void storeAll(List<ViewChange<String, Count>> changes) {
            stores.add(changes);
            if (changes.stream().anyMatch(change -> failingIds.contains(change.id()))) {
                throw new IllegalStateException("cannot store " + changes);
            }
            if (changes.stream().anyMatch(change -> !Objects.equals(change.stored(), rows.get(change.id())))) {
                throw new IllegalStateException("stored elsewhere meanwhile: " + changes);
            }
            changes.forEach(change -> rows.put(change.id(), change.current()));
        }
    }
}
