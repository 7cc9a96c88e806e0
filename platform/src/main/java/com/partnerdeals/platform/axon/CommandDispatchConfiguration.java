package com.partnerdeals.platform.axon;

import com.partnerdeals.api.common.Actor;
import com.partnerdeals.platform.web.DatabaseUnavailable;
import com.partnerdeals.platform.web.RequestIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * How commands leave the web layer: stamped with the acting user and the request's id (copied onto every event
 * they cause, for the audit trail) and retried when another node changed the same aggregate at the same moment.
 */
@Configuration(proxyBeanMethods = false)
public class CommandDispatchConfiguration {

    /** Commands sent without a signed-in user (schedulers) are recorded as the service itself. */
    static final Actor SERVICE_ACTOR = new Actor("partner-deals-service", List.of("SYSTEM"));

    /** Which aggregate a command is for; each {@code @Aggregate} names it. */
    @Bean(CommandTargets.BEAN)
    CommandTargets commandTargets() {
        return new CommandTargets();
    }

    /** Registered on the command bus by Axon's auto-configuration, as every handler interceptor bean is. */
    @Bean
    DeferredStoreChecks deferredStoreChecks() {
        return new DeferredStoreChecks();
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        RetryScheduler retries = IntervalRetryScheduler.builder()
                .retryExecutor(Executors.newSingleThreadScheduledExecutor())
                .retryInterval(20)
                .maxRetryCount(5)
                // Axon asks this of the failure and of each of its causes, so a conflict caused by the store's unique
                // key (whose cause, the SQL error, is no conflict itself) was never retried; whether to retry is
                // decided on the whole failure below.
                .nonTransientFailurePredicate(failure -> false)
                .build();
        DefaultCommandGateway gateway = DefaultCommandGateway.builder()
                .commandBus(commandBus)
                // Only concurrency conflicts are worth another try; a broken rule stays broken.
                .retryScheduler((command, failure, failures, dispatch) ->
                        isTransient(failure) && retries.scheduleRetry(command, failure, failures, dispatch))
                .build();
        gateway.registerDispatchInterceptor(messages -> (index, command) -> {
            Actor actor = currentActor();
            Map<String, Object> metaData = new HashMap<>(Map.of(Actor.SUBJECT_KEY, actor.subject(), Actor.ROLES_KEY, actor.roles()));
            String requestId = RequestIds.current();
            if (requestId != null) {
                metaData.put(RequestIds.KEY, requestId);
            }
            return command.andMetaData(metaData);
        });
        return gateway;
    }

    /**
     * Copies the actor from a command onto its events, and from an event onto what its handlers on the command
     * side cause in the same unit of work. Events read back from the store by streaming processors (the query
     * side's projections) cause nothing, so their stored metadata is not deserialized just to be offered as
     * correlation data: that was about a tenth of a projection's CPU in a replay's profile.
     */
    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        SimpleCorrelationDataProvider actor = new SimpleCorrelationDataProvider(Actor.SUBJECT_KEY, Actor.ROLES_KEY,
                RequestIds.KEY);
        return message -> message instanceof TrackedEventMessage<?> ? Map.of() : actor.correlationDataFor(message);
    }

    /**
     * Worth another try on fresh state: another node appended to the same aggregate first, or the database reported
     * another transient failure (a deadlock between two commands, say). Not when the database is out of reach:
     * each retry would wait the pool's timeout again, and the client is better served by a prompt 503 (SPEC 9).
     */
    private static boolean isTransient(Throwable failure) {
        if (DatabaseUnavailable.causes(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AxonTransientException) {
                return true;
            }
        }
        return false;
    }

    private static Actor currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return SERVICE_ACTOR;
        }
        return new Actor(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .sorted()
                .toList());
    }
}
