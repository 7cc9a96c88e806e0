package com.partnerdeals.query.projections;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a projection that writes its tables once per batch of events, when the batch commits, instead of in
 * each event handler. {@link SavepointPerEvent} leaves its handlers alone: around a handler that writes
 * nothing a savepoint protects nothing and costs two database round trips per event. Such a projection keeps its
 * views through {@link BatchedViews}, which sees to it that a change it cannot store parks the event in the
 * dead-letter queue.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WritesPerBatch {
}
