package com.partnerdeals.command;

import com.partnerdeals.api.common.RuleViolation;
import java.util.Map;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link RuleViolation} by the spec's error code (and optionally its extra members). */
public final class RuleViolations {

    private RuleViolations() {
    }

    public static Matcher<RuleViolation> violation(String code) {
        return violation(code, Map.of());
    }

    public static Matcher<RuleViolation> violation(String code, Map<String, Object> extras) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.code().equals(code) && violation.extras().entrySet().containsAll(extras.entrySet());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rule violation " + code + (extras.isEmpty() ? "" : " with " + extras));
            }

            @Override
            protected void describeMismatchSafely(RuleViolation violation, Description mismatch) {
                mismatch.appendText("was " + violation.code() + " " + violation.extras() + ": " + violation.getMessage());
            }
        };
    }
}
