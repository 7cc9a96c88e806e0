package com.partnerdeals.platform.web;

import com.partnerdeals.api.common.RuleViolation;

/**
 * The version a client expects the aggregate to be at, from {@code If-Match} (SPEC 8): {@code "3"}, {@code 3} or
 * {@code W/"3"}; {@code null} when the header is absent or {@code *}, i.e. no expectation. Controllers take it as a
 * parameter; a version that is no longer current is {@code 412 VERSION_MISMATCH}, one that is not a version
 * {@code 400 VALIDATION_FAILED}.
 */
public record ExpectedVersion(Long value) {

    static final String HEADER = "If-Match";

    static ExpectedVersion fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return new ExpectedVersion(null);
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version >= 0) {
                return new ExpectedVersion(version);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw RuleViolation.invalidField(HEADER, "must be a version this service returned, e.g. \"3\"");
    }
}
