package com.partnerdeals.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.platform.axon.CommandTargets;
import java.util.List;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/** What every aggregate of the command side is wired with. */
class AggregatesTest {

    @Test
    void everyAggregateFindsItsCommandsTargetOncePerCommandClass() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        List<String> aggregates = scanner.findCandidateComponents("com.partnerdeals.command").stream()
                .map(BeanDefinition::getBeanClassName)
                .toList();

        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(4);
        for (String aggregate : aggregates) {
            assertThat(Class.forName(aggregate).getAnnotation(Aggregate.class).commandTargetResolver())
                    .as(aggregate).isEqualTo(CommandTargets.BEAN);
        }
    }
}
