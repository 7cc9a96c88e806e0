package com.partnerdeals.api.common;

import java.util.List;
import java.util.Map;

/**
 * A command or query broke a rule of the product. Carries the spec's upper-case error code; the web
 * layer turns the {@link Kind} into an HTTP status and the code into a problem+json response.
 */
public class RuleViolation extends RuntimeException {

    /** What sort of rule was broken; decides the HTTP status. */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_FAILED }

    private final Kind kind;
    private final String code;
    private final Map<String, Object> extras;

    public RuleViolation(Kind kind, String code, String detail, Map<String, Object> extras) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.extras = Map.copyOf(extras);
    }

    public static RuleViolation invalid(String code, String detail) {
        return new RuleViolation(Kind.INVALID, code, detail, Map.of());
    }

    /** A request field with a bad value: {@code VALIDATION_FAILED} with {@code errors[{field, message}]}. */
    public static RuleViolation invalidField(String field, String message) {
        return new RuleViolation(Kind.INVALID, "VALIDATION_FAILED", field + ": " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    public static RuleViolation forbidden(String code, String detail) {
        return new RuleViolation(Kind.FORBIDDEN, code, detail, Map.of());
    }

    public static RuleViolation notFound(String detail) {
        return new RuleViolation(Kind.NOT_FOUND, "NOT_FOUND", detail, Map.of());
    }

    public static RuleViolation conflict(String code, String detail) {
        return new RuleViolation(Kind.CONFLICT, code, detail, Map.of());
    }

    public static RuleViolation conflict(String code, String detail, Map<String, Object> extras) {
        return new RuleViolation(Kind.CONFLICT, code, detail, extras);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Extra problem members named by the spec, e.g. {@code existingDealId}. */
    public Map<String, Object> extras() {
        return extras;
    }
}
