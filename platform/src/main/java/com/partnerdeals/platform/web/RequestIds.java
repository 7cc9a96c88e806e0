package com.partnerdeals.platform.web;

import com.partnerdeals.platform.randomness.ThreadSecureRandom;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request gets an id: the caller's {@code X-Request-Id}, else the trace id of its W3C {@code traceparent},
 * else a new one. It is in every log line written while the request runs (MDC key {@value #KEY}), in the answer's
 * {@code X-Request-Id}, and in the metadata of every event the request causes, so one id follows a request from
 * the gateway's log to the audit trail.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

    /** The MDC and event metadata key. */
    public static final String KEY = "requestId";
    static final String HEADER = "X-Request-Id";
    private static final Pattern CALLERS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = idOf(request);
        response.setHeader(HEADER, id);
        MDC.put(KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(KEY);
        }
    }

    /** The id of the request being handled on this thread, or null outside a request. */
    public static String current() {
        return MDC.get(KEY);
    }

    private static String idOf(HttpServletRequest request) {
        String callers = request.getHeader(HEADER);
        if (callers != null && CALLERS_ID.matcher(callers).matches()) {
            return callers;
        }
        String traceparent = request.getHeader("traceparent");
        if (traceparent != null) {
            Matcher trace = TRACEPARENT.matcher(traceparent.trim());
            if (trace.matches()) {
                return trace.group(1);
            }
        }
        return ThreadSecureRandom.randomUuid().toString();
    }
}
