package com.partnerdeals.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query parameters are refused before any controller reads them when they cannot be decoded (bad
 * percent-encoding: 400 MALFORMED_REQUEST) or hold a character no read model could store or search for
 * ({@link PlainText}: 400 VALIDATION_FAILED naming the parameter).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class QueryParameterCheck extends OncePerRequestFilter {

    private final ProblemResponses problems;

    public QueryParameterCheck(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            Map<String, String[]> parameters;
            try {
                parameters = request.getParameterMap();
            } catch (InvalidParameterException undecodable) {
                problems.write(response, HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                        "The query string is not validly percent-encoded UTF-8.");
                return;
            }
            for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
                for (String value : parameter.getValue()) {
                    if (!PlainText.isPlain(value) || !PlainText.isPlain(parameter.getKey())) {
                        problems.write(response, ProblemResponses.problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                                "The request has invalid fields.", Map.of("errors", List.of(Map.of(
                                        "field", parameter.getKey(), "message", "contains a control character")))));
                        return;
                    }
                }
            }
        }
        chain.doFilter(request, response);
    }
}
