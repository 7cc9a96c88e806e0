package com.partnerdeals.query.personal;

import com.partnerdeals.api.personal.FindPersonalData;
import com.partnerdeals.api.personal.PersonalDataReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/personal-data")
@Tag(name = "Personal data")
@PreAuthorize("hasRole('PARTNER_MANAGER')")
class PersonalDataQueryController {

    private final QueryGateway queries;

    PersonalDataQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(operationId = "findPersonalData", summary = "Everything held about a customer contact, by email (the right of access)",
            description = "Every deal and customer account holding the contact's name or email, with the data, as JSON.")
    PersonalDataReport find(@RequestParam @NotBlank @Size(max = 254) @Email String email) {
        return queries.query(new FindPersonalData(email), PersonalDataReport.class).join();
    }
}
