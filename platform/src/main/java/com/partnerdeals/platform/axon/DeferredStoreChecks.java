package com.partnerdeals.platform.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Checks a command's aggregates taken from memory against the event store only where the store's unique key does not:
 * a command that appends to such an aggregate appends at the sequence number after the one in memory, which fails on
 * the key (and is retried on fresh state) if another node appended since. What remains are the outcomes without an
 * append: a no-op (checked before commit) and a refusal (checked when the handler throws). Either, found stale, becomes
 * a {@link ConcurrencyException}, which the gateway retries; the retry reads the aggregate from its events.
 *
 * <p>So the check's query runs only for commands that append nothing, instead of for every command on a cached
 * aggregate (bench/THROUGHPUT.md). Outside a command handled through this interceptor (test fixtures, say),
 * {@link StoreCheckedCachingRepository} checks at once, as before.
 */
public class DeferredStoreChecks implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String RESOURCE = DeferredStoreChecks.class.getName();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Pending pending = new Pending();
        unitOfWork.resources().put(RESOURCE, pending);
        try {
            return chain.proceed();
        } catch (ConcurrencyException conflict) {
            throw conflict;
        } catch (Exception refusal) {
            pending.checkAfter(refusal);
            throw refusal;
        }
    }

    /**
     * Defers the check of {@code aggregate}, just taken from memory, if the current command is handled through this
     * interceptor; answers false if not, and the caller must check now.
     */
    static boolean defer(String aggregateIdentifier, EventSourcedAggregate<?> aggregate, EventStore eventStore, Cache cache) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (!(unitOfWork.resources().get(RESOURCE) instanceof Pending pending)) {
            return false;
        }
        if (pending.checks.isEmpty()) {
            unitOfWork.onPrepareCommit(u -> pending.checkUnchanged());
        }
        pending.checks.add(new Check(aggregateIdentifier, aggregate, aggregate.version(), eventStore, cache));
        return true;
    }

    private static final class Pending {

        private final List<Check> checks = new ArrayList<>(1);

        /** Before commit: an aggregate the command left as it was must be as the store has it. */
        void checkUnchanged() {
            for (Check check : checks) {
                if (check.unchanged() && check.stale()) {
                    throw check.conflict(null);
                }
            }
        }

        /**
         * After a refusal: it stands only if every aggregate it was decided on is as the store has it. If the store
         * cannot be asked (on PostgreSQL the refusal may have come from a statement that ended the transaction),
         * the command is retried on fresh state rather than refused on state that may be old.
         */
        void checkAfter(Exception refusal) {
            for (Check check : checks) {
                boolean stale;
                try {
                    stale = check.stale();
                } catch (RuntimeException unknown) {
                    stale = true;
                }
                if (stale) {
                    throw check.conflict(refusal);
                }
            }
        }
    }

    private record Check(String aggregateIdentifier, EventSourcedAggregate<?> aggregate, Long versionInMemory,
                         EventStore eventStore, Cache cache) {

        boolean unchanged() {
            return Objects.equals(aggregate.version(), versionInMemory);
        }

        boolean stale() {
            return !Objects.equals(versionInMemory, eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null));
        }

        ConcurrencyException conflict(Exception refusal) {
            cache.remove(aggregateIdentifier);
            ConcurrencyException conflict = new ConcurrencyException("Aggregate " + aggregateIdentifier
                    + " was changed in the event store since this node kept it in memory");
            if (refusal != null) {
                conflict.addSuppressed(refusal);
            }
            return conflict;
        }
    }
}
