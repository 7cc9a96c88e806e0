package com.partnerdeals.query.customer;

import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.customer.CustomerOverview;
import com.partnerdeals.api.customer.CustomerSort;
import com.partnerdeals.api.customer.CustomerStatus;
import com.partnerdeals.api.customer.CustomerView;
import com.partnerdeals.api.customer.FindCustomer;
import com.partnerdeals.api.customer.ListCustomers;
import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer overview (SPEC section 6): a partner's own accounts, or everyone's for vendor staff. */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customers")
@PreAuthorize("hasAnyRole('PARTNER', 'PARTNER_MANAGER')")
class CustomerOverviewController {

    private static final Map<String, CustomerSort.Field> SORT_FIELDS = Map.of(
            "companyName", CustomerSort.Field.COMPANY_NAME,
            "activitiesLast90Days", CustomerSort.Field.ACTIVITIES_LAST_90_DAYS,
            "trialEndsAt", CustomerSort.Field.TRIAL_ENDS_AT,
            "attentionCount", CustomerSort.Field.ATTENTION_COUNT);

    private final QueryGateway queries;

    CustomerOverviewController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(operationId = "listCustomers", summary = "The customer overview: filters, sort (companyName|activitiesLast90Days|trialEndsAt|"
            + "attentionCount, each ,asc or ,desc), paging and the counts for the filter tabs",
            description = "A partner sees its own accounts (trials it started), vendor staff everyone's or one partner's. Each row has the 90-day activity count and its attention items; the tab counts follow the other filters.")
    CustomerOverview overview(@RequestParam(required = false) @Parameter(description = "Any of, case-insensitive",
                                      array = @ArraySchema(schema = @Schema(allowableValues = {"TRIAL", "ACTIVE", "CLOSED"})))
                              Set<String> status,
                              @RequestParam(defaultValue = "false") boolean needsAttention,
                              @RequestParam(required = false) @Size(max = 200) String q,
                              @RequestParam(required = false) @Parameter(description = "Vendor staff only") String partnerId,
                              @RequestParam(required = false) @Parameter(description = "A field, optionally with ,asc "
                                      + "or ,desc, e.g. activitiesLast90Days,desc") String sort,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE) @Min(1) @Max(PageRequest.MAX_SIZE) int size,
                              Caller caller) {
        return queries.query(new ListCustomers(caller.viewer(), partnerId, statuses(status), needsAttention, q, sort(sort),
                new PageRequest(page, size)), CustomerOverview.class).join();
    }

    @GetMapping("/{customerId}")
    @Operation(operationId = "getCustomer", summary = "One customer account as the overview shows it",
            description = "Another partner's account is 404, as if it did not exist.")
    CustomerView customer(@PathVariable String customerId, Caller caller) {
        return queries.query(new FindCustomer(customerId, caller.viewer()), CustomerView.class).join();
    }

    static Set<CustomerStatus> statuses(Set<String> values) {
        if (values == null) {
            return Set.of();
        }
        try {
            return values.stream().map(value -> CustomerStatus.valueOf(value.trim().toUpperCase(Locale.ROOT)))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException unknown) {
            throw RuleViolation.invalidField("status", "must be TRIAL, ACTIVE or CLOSED");
        }
    }

    /** {@code field} or {@code field,asc|desc}; the field alone sorts ascending. */
    static CustomerSort sort(String value) {
        if (value == null || value.isBlank()) {
            return CustomerSort.DEFAULT;
        }
        String[] parts = value.split(",", -1);
        CustomerSort.Field field = SORT_FIELDS.get(parts[0].trim());
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (field == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw RuleViolation.invalidField("sort",
                    "must be companyName, activitiesLast90Days, trialEndsAt or attentionCount, optionally with ,asc or ,desc");
        }
        return new CustomerSort(field, direction.equals("asc"));
    }
}
