package com.partnerdeals.platform.config;

/**
 * A setting the service cannot start without is missing or unusable. The start stops with one line that names
 * the setting and says what to put there ({@link MissingSettingFailureAnalyzer}), instead of a stack trace.
 */
public class MissingSetting extends IllegalStateException {

    private final String setting;
    private final String action;

    public MissingSetting(String setting, String problem, String action) {
        super(setting + " " + problem);
        this.setting = setting;
        this.action = action;
    }

    public String setting() {
        return setting;
    }

    public String action() {
        return action;
    }
}
