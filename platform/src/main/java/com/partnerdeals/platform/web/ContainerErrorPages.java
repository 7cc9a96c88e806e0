package com.partnerdeals.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat refuses some requests before Spring sees them (bad percent-encoding in the path, a request line or
 * header over the limit, {@code TRACE}) and answers them with its own HTML page. This puts a problem+json
 * answer in that page's place (SPEC 9: every error answer is problem+json, whichever layer refuses).
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrorPages {

    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                removeOtherErrorReportValves(host);
            }
        };
    }

    /** Spring Boot adds a plain ErrorReportValve of its own; only ours may answer. */
    private static void removeOtherErrorReportValves(Host host) {
        for (var valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
    }

    /** Writes the container's error answers as problem+json, without server details. */
    public static class ProblemErrorReportValve extends ErrorReportValve {

        public ProblemErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int statusCode = response.getStatus();
            if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(statusCode);
            if (status == null) {
                status = HttpStatus.BAD_REQUEST;
            }
            String body = "{\"type\":\"urn:partner-deals:problem:" + ProblemResponses.codeFor(status) + "\","
                    + "\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + statusCode + ","
                    + "\"detail\":\"The request was refused before it reached the service: " + status.getReasonPhrase() + ".\","
                    + "\"code\":\"" + ProblemResponses.codeFor(status) + "\"}";
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getReporter().write(body);
                response.finishResponse();
            } catch (IOException | IllegalStateException unwritable) {
                // The connection is gone or the answer was already started; nothing more can be said.
            }
        }
    }
}
