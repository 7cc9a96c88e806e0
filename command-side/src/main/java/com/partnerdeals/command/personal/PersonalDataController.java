package com.partnerdeals.command.personal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Erasure requests over HTTP (SPEC 11): vendor staff erase a customer contact on the person's request. */
@RestController
@RequestMapping("/api/personal-data")
@Tag(name = "Personal data")
@PreAuthorize("hasRole('PARTNER_MANAGER')")
class PersonalDataController {

    record ErasureRequest(@NotBlank @Size(max = 254) @Email @Schema(example = "anna.virtanen@acme.fi") String email,
                          @NotBlank @Size(max = 4000) @Schema(example = "Request by email of 2026-11-28") String reason) {
    }

    private final ContactErasures erasures;

    PersonalDataController(ContactErasures erasures) {
        this.erasures = erasures;
    }

    @PostMapping("/erasures")
    @Operation(operationId = "eraseContact", summary = "Erase a customer contact's name and email everywhere; an unknown or erased email counts zero",
            description = "Deletes the contact's key: from then on every answer shows the name and email as null with personalDataErased: true, history and replays included. The erasure itself is audited (who and why, without the email in clear).")
    ContactErasures.Outcome erase(@Valid @RequestBody ErasureRequest request) {
        return erasures.erase(request.email().trim(), request.reason().trim());
    }
}
