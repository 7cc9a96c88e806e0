package com.partnerdeals.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MissingSetting} into Spring Boot's start-up failure report: the setting, and what to set. */
public class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSetting> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSetting cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
