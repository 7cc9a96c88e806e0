package com.partnerdeals.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, replacing Spring Boot's: what reaches {@code /error} (the security
 * firewall's rejected paths, a {@code sendError} from any filter) answers problem+json with the status it
 * came with. Called directly, {@code /error} is not a resource: 404.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    private final ProblemResponses problems;

    ProblemErrorController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && value >= 400
                ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        String detail = status == HttpStatus.NOT_FOUND ? "No such resource."
                : status.is5xxServerError() ? "Something went wrong on our side; the request may not have been applied."
                : "The request was refused: " + status.getReasonPhrase() + ".";
        problems.write(response, status, ProblemResponses.codeFor(status), detail);
    }
}
