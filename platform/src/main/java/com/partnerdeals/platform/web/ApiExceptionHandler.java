package com.partnerdeals.platform.web;

import static com.partnerdeals.platform.web.ProblemResponses.fieldError;
import static com.partnerdeals.platform.web.ProblemResponses.validationFailed;

import com.partnerdeals.api.common.RuleViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every failure a client can cause becomes a problem+json response with the spec's code; nothing a client
 * sends produces a 500 or a stack trace. Command failures arrive wrapped by Axon, so causes are searched.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleAny(Exception exception, WebRequest request) throws Exception {
        if (find(exception, AccessDeniedException.class) != null || find(exception, AuthenticationException.class) != null) {
            throw exception; // Spring Security answers these (401/403) in its own filter.
        }
        RequestBodyLimit.TooLarge tooLarge = find(exception, RequestBodyLimit.TooLarge.class);
        if (tooLarge != null) {
            return respond(ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    tooLarge.getMessage(), Map.of()), request);
        }
        RuleViolation violation = find(exception, RuleViolation.class);
        if (violation != null) {
            return respond(ProblemResponses.problem(statusOf(violation.kind()), violation.code(),
                    violation.getMessage(), violation.extras()), request);
        }
        if (find(exception, ConflictingAggregateVersionException.class) != null) {
            return respond(ProblemResponses.problem(HttpStatus.PRECONDITION_FAILED, "VERSION_MISMATCH",
                    "The resource changed since the version you sent in If-Match.", Map.of()), request);
        }
        if (find(exception, AggregateNotFoundException.class) != null) {
            return respond(ProblemResponses.problem(HttpStatus.NOT_FOUND, "NOT_FOUND",
                    "No such resource.", Map.of()), request);
        }
        if (find(exception, ConcurrencyException.class) != null) {
            return respond(ProblemResponses.problem(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
                    "The resource was changed by another request at the same moment; try again.", Map.of()), request);
        }
        ConstraintViolationException constraints = find(exception, ConstraintViolationException.class);
        if (constraints != null) {
            List<Map<String, String>> errors = constraints.getConstraintViolations().stream()
                    .map(v -> fieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                    .toList();
            return respond(validationFailed(errors), request);
        }
        if (DatabaseUnavailable.causes(exception)) {
            log.warn("Database unavailable on {}: {}", request.getDescription(false), DatabaseUnavailable.summary(exception));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                            "The database cannot be reached; try again shortly (a retry with the same dealId or "
                                    + "noteId is safe).", Map.of()));
        }
        log.error("Unexpected failure on {}", request.getDescription(false), exception);
        return respond(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "Something went wrong on our side; the request may not have been applied.", Map.of()), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(validationFailed(fieldErrors(exception.getBindingResult())), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = exception.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> fieldError(
                        error instanceof FieldError field ? field.getField() : result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage())))
                .toList();
        return respond(validationFailed(errors), request);
    }

    /** A query parameter or path variable that does not convert, e.g. {@code ?page=first} or {@code ?stage=WON}. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = exception instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName() : exception.getPropertyName();
        return respond(validationFailed(List.of(fieldError(field, "has an invalid value"))), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (find(exception, RequestBodyLimit.TooLarge.class) != null) {
            return respond(ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "The request body is larger than 1 MiB.", Map.of()), request);
        }
        JacksonException json = find(exception, JacksonException.class);
        if (json instanceof DatabindException && !json.getPath().isEmpty()) {
            String message = json instanceof UnrecognizedPropertyException ? "is not a field of this request"
                    : json instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()
                    ? "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants())
                    : "has a value of the wrong type or form";
            return respond(validationFailed(List.of(fieldError(fieldPath(json.getPath()), message))), request);
        }
        return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "The request body is not readable JSON of the expected shape.", Map.of()), request);
    }

    /** {@code customer.contactEmail}, {@code activities[0].occurredAt}: the field as the client wrote it. */
    private static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** Spring MVC's own failures (404, 405, 415, ...) keep their status and get a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null
                ? problem.getDetail() : status.getReasonPhrase();
        ProblemDetail problem = ProblemResponses.problem(status, ProblemResponses.codeFor(status), detail, Map.of());
        logRefusal(request, problem);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
        if (problem.getStatus() < 500) {
            logRefusal(request, problem);
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** A client's mistake: one line, no stack trace (SPEC 9), so that refusals are visible but cannot flood the log. */
    private static void logRefusal(WebRequest request, ProblemDetail problem) {
        if (log.isInfoEnabled()) {
            log.info("Refused {}: {} {}", request.getDescription(false), problem.getStatus(),
                    problem.getProperties() != null ? problem.getProperties().get("code") : "");
        }
    }

    private static List<Map<String, String>> fieldErrors(BindingResult result) {
        return result.getFieldErrors().stream()
                .map(error -> fieldError(error.getField(), error.getDefaultMessage()))
                .toList();
    }


    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static HttpStatus statusOf(RuleViolation.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
        };
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
