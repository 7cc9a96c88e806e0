package com.partnerdeals.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.core.log.LogMessage;

/** Spring's lazily built log messages stay unbuilt below the level (commons-logging.properties). */
class CommonsLoggingTest {

    @Test
    void aDebugMessageIsNotRenderedWhenDebugIsOff() {
        Log log = LogFactory.getLog(CommonsLoggingTest.class);
        AtomicBoolean rendered = new AtomicBoolean();

        log.debug(LogMessage.of(() -> {
            rendered.set(true);
            return "expensive";
        }));

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(rendered).isFalse();
    }
}
