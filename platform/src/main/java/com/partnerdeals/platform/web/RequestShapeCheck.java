package com.partnerdeals.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose shape Spring MVC would fail on in ways that answer without a body or with a 500
 * (SPEC 9), before any controller reads them:
 * <ul>
 *   <li>an unparseable {@code Accept}, or for a command one that does not admit {@code application/json}: 406 (Spring
 *       MVC would find that out only when writing the answer, after the command had been carried out);</li>
 *   <li>a {@code Content-Type} that is unparseable or a wildcard ({@code *}{@code /*}, {@code application/*}: a
 *       body has one concrete type): 415;</li>
 *   <li>a query string that is not validly percent-encoded: 400 MALFORMED_REQUEST, or a parameter holding a
 *       character no read model could store or search for ({@link PlainText}): 400 VALIDATION_FAILED.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestShapeCheck extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ProblemResponses problems;

    public RequestShapeCheck(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemDetail refusal = acceptRefusal(request);
        if (refusal == null) {
            refusal = contentTypeRefusal(request);
        }
        if (refusal == null) {
            refusal = queryRefusal(request);
        }
        if (refusal != null) {
            problems.write(response, refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    private static ProblemDetail acceptRefusal(HttpServletRequest request) {
        List<MediaType> acceptable = new ArrayList<>();
        for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
            try {
                acceptable.addAll(MediaType.parseMediaTypes(accept));
            } catch (InvalidMediaTypeException unparseable) {
                return ProblemResponses.problem(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                        "The Accept header is not a list of media types; send application/json.", Map.of());
            }
        }
        if (isCommand(request) && !acceptable.isEmpty() && !admitsJson(acceptable)) {
            return ProblemResponses.problem(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                    "The API answers application/json only; send it in Accept, or no Accept.", Map.of());
        }
        return null;
    }

    /** A request that may change something; a read with such an Accept is refused by Spring MVC, as it changes nothing. */
    private static boolean isCommand(HttpServletRequest request) {
        return !READS.contains(request.getMethod())
                && request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    private static boolean admitsJson(List<MediaType> acceptable) {
        return acceptable.stream().anyMatch(type -> type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON))
                && acceptable.stream().noneMatch(type -> type.getQualityValue() == 0 && type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON));
    }

    private static ProblemDetail contentTypeRefusal(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            if (MediaType.parseMediaType(contentType).isConcrete()) {
                return null;
            }
        } catch (InvalidMediaTypeException unparseable) {
            // refused below, like a wildcard
        }
        return ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                "The Content-Type must be a concrete media type; send application/json.", Map.of());
    }

    private static ProblemDetail queryRefusal(HttpServletRequest request) {
        if (request.getQueryString() == null) {
            return null;
        }
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (InvalidParameterException undecodable) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                    "The query string is not validly percent-encoded UTF-8.", Map.of());
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (!PlainText.isPlain(value) || !PlainText.isPlain(parameter.getKey())) {
                    return ProblemResponses.validationFailed(List.of(
                            ProblemResponses.fieldError(parameter.getKey(), "contains a control character")));
                }
            }
        }
        return null;
    }
}
