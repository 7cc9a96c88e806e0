package com.partnerdeals.query.projections;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each projection event handler in a savepoint of the batch's transaction. On PostgreSQL a failed
 * statement aborts the whole transaction; without the savepoint one bad event would take its batch (and
 * the dead-letter entry meant to park it) down with it, and the read model would stall on that event.
 * Projections that write once per batch ({@link WritesPerBatch}) need no savepoint around their handlers.
 */
@Component
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final String PROJECTIONS_PACKAGE = "com.partnerdeals.query.";

    private final TransactionTemplate savepoint;

    public SavepointPerEvent(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean projectionEventHandler = original.canHandleMessageType(EventMessage.class)
                && original.declaringClass().getName().startsWith(PROJECTIONS_PACKAGE)
                && !original.declaringClass().isAnnotationPresent(WritesPerBatch.class);
        if (!projectionEventHandler) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                try {
                    return savepoint.execute(status -> {
                        try {
                            return original.handle(message, target);
                        } catch (Exception failure) {
                            throw new HandlerFailure(failure);
                        }
                    });
                } catch (HandlerFailure wrapped) {
                    throw wrapped.failure;
                }
            }
        };
    }

    /** Carries a checked handler exception through the transaction callback. */
    private static final class HandlerFailure extends RuntimeException {
        private final Exception failure;

        HandlerFailure(Exception failure) {
            super(failure);
            this.failure = failure;
        }
    }
}
