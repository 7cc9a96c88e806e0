package com.partnerdeals.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerdeals.api.customer.ExpireTrial;
import com.partnerdeals.api.customer.StartTrial;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

/** The targets found once per command class are the ones Axon's own resolver finds at every command. */
class CommandTargetsTest {

    final CommandTargets targets = new CommandTargets();
    final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    /** A command whose version is text, as Axon also reads it. */
    public record RenameThing(@TargetAggregateIdentifier Integer thingId, @TargetAggregateVersion String version) {
    }

    /** Not a record: left to Axon's resolver. */
    public static final class OldStyleCommand {
        @TargetAggregateIdentifier
        private final String id = "old-1";
    }

    @Test
    void aCommandsIdentifierAndVersionAreAxonsAtEveryCall() {
        for (Object command : new Object[] {
                new StartTrial("deal-1", "customer-1", "acme", 4L),
                new StartTrial("deal-2", "customer-2", null, null),
                new ExpireTrial("customer-3"),
                new RenameThing(7, "12"),
                new OldStyleCommand()}) {
            VersionedAggregateIdentifier found = resolve(command);
            VersionedAggregateIdentifier axonsFinding = axons.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            assertThat(found.getIdentifier()).as(command.toString()).isEqualTo(axonsFinding.getIdentifier());
            assertThat(found.getVersion()).as(command.toString()).isEqualTo(axonsFinding.getVersion());
            assertThat(resolve(command)).usingRecursiveComparison().isEqualTo(found);
        }
        assertThat(resolve(new StartTrial("deal-1", "customer-1", "acme", 4L)).getVersion()).isEqualTo(4L);
        assertThat(resolve(new RenameThing(7, "12")).getIdentifier()).isEqualTo("7");
    }

    @Test
    void recordsAreResolvedFromTheirAccessorsOtherClassesByAxon() {
        assertThat(targets.resolvesItself(StartTrial.class)).isTrue();
        assertThat(targets.resolvesItself(ExpireTrial.class)).isTrue();
        assertThat(targets.resolvesItself(RenameThing.class)).isTrue();
        assertThat(targets.resolvesItself(OldStyleCommand.class)).isFalse();
    }

    @Test
    void aCommandWithoutItsTargetIsRefusedAsAxonRefusesIt() {
        assertThatThrownBy(() -> resolve(new ExpireTrial(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not identify the target aggregate");
        assertThatThrownBy(() -> resolve(new RenameThing(7, "twelve")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version is not a number");
    }

    private VersionedAggregateIdentifier resolve(Object command) {
        return targets.resolveTarget(GenericCommandMessage.asCommandMessage(command));
    }
}
