package com.partnerdeals.query.deal;

import com.partnerdeals.api.deal.DealEvent;
import com.partnerdeals.query.ProjectionConfiguration;
import com.partnerdeals.query.projections.WritesPerBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the deal views: folds each deal event into the deal's {@link DealState} and stores it. An event
 * delivered again (its sequence number is not past the stored version) changes nothing.
 *
 * <p>The processor hands events over in batches, one transaction each (a replay: up to the batch size;
 * live: what has arrived). Reading and writing a deal's row for every event made a replay slow, so a batch
 * reads the views of all its deals in one go, folds its events in memory and writes the changed views at
 * commit, as JDBC batches ({@link DealViewBatch}). If that write fails, the batch is rolled back and
 * retried by the processor; for a while after, events are then written one by one, each in a savepoint, so
 * that an event whose change cannot be stored is parked in the dead-letter queue and the others go on, as
 * with any projection.
 */
@Component
@ProcessingGroup(ProjectionConfiguration.DEAL_VIEWS)
@WritesPerBatch
class DealProjection {

    private static final Logger log = LoggerFactory.getLogger(DealProjection.class);
    private static final String BATCH = DealViewBatch.class.getName();
    private static final String ONE_BY_ONE = DealProjection.class.getName() + ".oneByOne";
    private static final Duration ONE_BY_ONE_AFTER_FAILURE = Duration.ofMinutes(1);

    private final DealViewRepository deals;
    private final TransactionTemplate savepoint;
    private volatile long oneByOneUntilNanos = System.nanoTime();

    DealProjection(DealViewRepository deals, PlatformTransactionManager transactions) {
        this.deals = deals;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Every deal event, including kinds added after this projection was written. */
    @EventHandler
    void on(DealEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.dealId(), before -> DealState.next(before, event, sequence, at));
    }

    @ResetHandler
    void reset() {
        deals.deleteAll();
    }

    private void change(String dealId, UnaryOperator<DealState> step) {
        if (!CurrentUnitOfWork.isStarted()) {
            writeNow(dealId, step);
        } else if (oneByOne(CurrentUnitOfWork.get().root())) {
            savepoint.executeWithoutResult(status -> writeNow(dealId, step));
        } else {
            batch().change(dealId, step);
        }
    }

    /**
     * Decided once per batch: a batch that has begun folding in memory must not write a later event of the
     * same deal directly, or storing the batch would overwrite that write with a view that lacks it.
     */
    private boolean oneByOne(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(ONE_BY_ONE, key -> System.nanoTime() - oneByOneUntilNanos < 0);
    }

    private void writeNow(String dealId, UnaryOperator<DealState> step) {
        DealViewBatch single = new DealViewBatch(deals);
        single.change(dealId, step);
        single.store();
    }

    /** The current batch's views; the first event of a batch reads those of all the batch's deals. */
    private DealViewBatch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            DealViewBatch batch = new DealViewBatch(deals);
            if (unitOfWork instanceof BatchingUnitOfWork<?> events) {
                batch.read(dealIds(events.getMessages()));
            }
            unitOfWork.onPrepareCommit(committing -> store(batch));
            return batch;
        });
    }

    private void store(DealViewBatch batch) {
        try {
            batch.store();
        } catch (RuntimeException failure) {
            oneByOneUntilNanos = System.nanoTime() + ONE_BY_ONE_AFTER_FAILURE.toNanos();
            log.warn("Storing a batch of deal views failed; writing event by event for {} so that a failing event "
                    + "is parked", ONE_BY_ONE_AFTER_FAILURE, failure);
            throw failure;
        }
    }

    /** A deal event's aggregate is the deal. */
    private static List<String> dealIds(List<? extends Message<?>> messages) {
        return messages.stream()
                .filter(DomainEventMessage.class::isInstance)
                .map(DomainEventMessage.class::cast)
                .filter(event -> "Deal".equals(event.getType()))
                .map(DomainEventMessage::getAggregateIdentifier)
                .toList();
    }
}
