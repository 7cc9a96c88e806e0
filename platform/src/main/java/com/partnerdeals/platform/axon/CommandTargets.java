package com.partnerdeals.platform.axon;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which aggregate a command is for, and at which version: Axon's {@link TargetAggregateIdentifier} and
 * {@link TargetAggregateVersion} on a command record's components, looked up once per command class. Axon's own
 * {@link AnnotationCommandTargetResolver} looks them up at every command, walking the class's methods and fields and
 * their annotations: 3.7 % of the service's CPU under load (bench/THROUGHPUT.md). A command that is not a record, or
 * whose identifier is null, goes to Axon's resolver, which answers or refuses it as before.
 */
public final class CommandTargets implements CommandTargetResolver {

    /** The bean's name, as each {@code @Aggregate} names it. */
    public static final String BEAN = "commandTargets";

    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();
    private final ClassValue<Optional<Accessors>> accessors = new ClassValue<>() {
        @Override
        protected Optional<Accessors> computeValue(Class<?> commandType) {
            return Accessors.of(commandType);
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Optional<Accessors> found = accessors.get(command.getPayloadType());
        Object identifier = found.isPresent() ? found.get().identifier(command.getPayload()) : null;
        return identifier == null
                ? axons.resolveTarget(command)
                : new VersionedAggregateIdentifier(identifier, found.get().version(command.getPayload()));
    }

    /** Whether commands of this type are resolved here rather than by Axon's resolver. */
    boolean resolvesItself(Class<?> commandType) {
        return accessors.get(commandType).isPresent();
    }

    /** A record's annotated accessors: the identifier's, and the version's if it has one. */
    private record Accessors(MethodHandle identifier, MethodHandle version) {

        static Optional<Accessors> of(Class<?> commandType) {
            if (!commandType.isRecord()) {
                return Optional.empty();
            }
            MethodHandle identifier = null;
            MethodHandle version = null;
            try {
                for (RecordComponent component : commandType.getRecordComponents()) {
                    if (annotated(commandType, component, TargetAggregateIdentifier.class)) {
                        identifier = MethodHandles.publicLookup().unreflect(component.getAccessor());
                    }
                    if (annotated(commandType, component, TargetAggregateVersion.class)) {
                        version = MethodHandles.publicLookup().unreflect(component.getAccessor());
                    }
                }
            } catch (IllegalAccessException notPublic) {
                return Optional.empty(); // Axon's resolver reaches it by reflection
            }
            return identifier == null ? Optional.empty() : Optional.of(new Accessors(identifier, version));
        }

        /** The annotation lands on the component's field and accessor (it does not target record components). */
        private static boolean annotated(Class<?> commandType, RecordComponent component,
                                         Class<? extends Annotation> annotation) {
            try {
                return component.getAccessor().isAnnotationPresent(annotation)
                        || commandType.getDeclaredField(component.getName()).isAnnotationPresent(annotation);
            } catch (NoSuchFieldException impossible) {
                return false;
            }
        }

        Object identifier(Object command) {
            return invoke(identifier, command);
        }

        /** As Axon reads it: a number, or text that is one. */
        Long version(Object command) {
            Object value = version == null ? null : invoke(version, command);
            if (value == null) {
                return null;
            }
            try {
                return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("The value provided for the version is not a number.", notANumber);
            }
        }

        private static Object invoke(MethodHandle accessor, Object command) {
            try {
                return accessor.invoke(command);
            } catch (RuntimeException | Error failure) {
                throw failure;
            } catch (Throwable failure) {
                throw new IllegalArgumentException("An exception occurred while extracting aggregate information from "
                        + "a command", failure);
            }
        }
    }
}
