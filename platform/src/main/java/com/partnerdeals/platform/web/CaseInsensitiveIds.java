package com.partnerdeals.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Deal and customer ids are UUIDs, stored in lower case; a UUID is the same in any case (RFC 9562), so a
 * client that sends {@code /api/deals/3F0C6A4E-...} means the same deal. Path variables named here are
 * lower-cased before any controller reads them.
 */
@Component
class CaseInsensitiveIds implements HandlerInterceptor, WebMvcConfigurer {

    private static final Set<String> UUID_PATH_VARIABLES = Set.of("dealId", "customerId");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && UUID_PATH_VARIABLES.stream().anyMatch(variables::containsKey)) {
            Map<Object, Object> lowerCased = new LinkedHashMap<>(variables);
            UUID_PATH_VARIABLES.forEach(name -> lowerCased.computeIfPresent(name,
                    (key, value) -> value.toString().toLowerCase(Locale.ROOT)));
            request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, lowerCased);
        }
        return true;
    }
}
