package com.partnerdeals.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the service's RFC 9457 problem responses: {@code type}, {@code title}, {@code status},
 * {@code detail} and the spec's upper-case {@code code}, plus any extra members.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail, Map<String, Object> extras) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:partner-deals:problem:" + code));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        extras.forEach(problem::setProperty);
        return problem;
    }

    /** {@code 400 VALIDATION_FAILED} with {@code errors[{field, message}]} (SPEC 9). */
    public static ProblemDetail validationFailed(List<Map<String, String>> errors) {
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields.", Map.of("errors", errors));
    }

    public static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    /**
     * The code for a refusal by a layer that knows only the status: the servlet container, the security
     * firewall, Spring MVC's own checks. 400 there means the request itself could not be read.
     */
    public static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "MALFORMED_REQUEST";
            case CONTENT_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case INTERNAL_SERVER_ERROR -> "INTERNAL_ERROR";
            default -> status.name();
        };
    }

    /**
     * For filters and the container's error pages, which answer outside Spring MVC: written as problem+json
     * whatever the request's {@code Accept} says, since an error has no other form.
     */
    public void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        write(response, problem(status, code, detail, Map.of()));
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
