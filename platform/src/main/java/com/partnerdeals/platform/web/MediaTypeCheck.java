package com.partnerdeals.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses media types that cannot be negotiated, before Spring MVC fails on them in ways that answer
 * without a body or with a 500: an unparseable {@code Accept} is 406, and a {@code Content-Type} that is
 * unparseable or a wildcard ({@code *}{@code /*}, {@code application/*}: a body has one concrete type) is 415.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class MediaTypeCheck extends OncePerRequestFilter {

    private final ProblemResponses problems;

    public MediaTypeCheck(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException unparseable) {
                problems.write(response, HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                        "The Accept header is not a list of media types; send application/json.");
                return;
            }
        }
        String contentType = request.getContentType();
        if (contentType != null && !isConcrete(contentType)) {
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "The Content-Type must be a concrete media type; send application/json.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isConcrete(String contentType) {
        try {
            return contentType.isBlank() || MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException unparseable) {
            return false;
        }
    }
}
