package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.deal.ListReviewQueue;
import com.partnerdeals.api.deal.ReviewQueue;
import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The partner managers' review queue (SPEC 12). */
@RestController
@Tag(name = "Review queue")
@PreAuthorize("hasRole('PARTNER_MANAGER')")
class ReviewQueueController {

    private final QueryGateway queries;

    ReviewQueueController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/review-queue")
    @Operation(operationId = "listReviewQueue", summary = "The deals waiting for a review decision, oldest first",
            description = "Each with its due time (registration plus portal.review.due-within, 2 days by default), "
                    + "whether it is overdue, its flags, and every other deal of any partner for the same customer "
                    + "domain. Paged.")
    ReviewQueue reviewQueue(@RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) @Min(1) @Max(PageRequest.MAX_SIZE)
                            int size,
                            Caller caller) {
        return queries.query(new ListReviewQueue(caller.viewer(), new PageRequest(page, size)), ReviewQueue.class).join();
    }
}
