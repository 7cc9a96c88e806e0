package com.partnerdeals.query.projections;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where a read model keeps its views of one kind (a deal's view, say), as {@link BatchedViews} reads and writes
 * them: the views of a whole batch of events in one read, and what the batch changed in one write.
 *
 * @param <K> what identifies a view (a deal's id)
 * @param <V> the view, an immutable value: a step of the fold answers a new one, or the same instance when the
 *            event changes nothing
 */
public interface ViewTable<K, V> {

    /** The stored views of those of {@code ids} that have one. */
    Map<K, V> findAll(Collection<K> ids);

    /**
     * Stores what one batch of events changed, in as few statements as the tables allow. A view is written only over
     * the state it was folded from: a new one only where there is none, a changed one only where the table still
     * holds {@link ViewChange#stored}; otherwise this throws, and the batch is rolled back and retried.
     */
    void storeAll(List<ViewChange<K, V>> changes);

    /**
     * One view's change in a batch: as it was stored (null if it had no view yet), then as each of the batch's
     * events that changed it left it, in their order. Most tables need only the first and the last; a table
     * that records when something first appeared (a note's event) finds it among the steps.
     */
    record ViewChange<K, V>(K id, V stored, List<V> steps) {

        public ViewChange {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("A change of " + id + " without a step");
            }
        }

        /** The view as the batch left it. */
        public V current() {
            return steps.get(steps.size() - 1);
        }
    }
}
