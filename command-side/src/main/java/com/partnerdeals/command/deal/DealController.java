package com.partnerdeals.command.deal;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.customer.StartTrial;
import com.partnerdeals.api.deal.AcceptDeal;
import com.partnerdeals.api.deal.AddDealNote;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.CloseDealLost;
import com.partnerdeals.api.deal.CloseDealWon;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.DenyDeal;
import com.partnerdeals.api.deal.MoveDealStage;
import com.partnerdeals.api.deal.RedactDealNote;
import com.partnerdeals.api.deal.RegisterDeal;
import com.partnerdeals.api.deal.ReopenDeal;
import com.partnerdeals.api.deal.SubmitNewsletterSubscription;
import com.partnerdeals.api.partner.RegisterPartner;
import com.partnerdeals.command.web.Versions;
import com.partnerdeals.platform.security.Caller;
import com.partnerdeals.platform.web.ExpectedVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Deal commands over HTTP (SPEC 4 and 8). Shapes are validated here; the rules live in {@link Deal}. */
@RestController
@RequestMapping("/api/deals")
@Tag(name = "Deals")
@PreAuthorize("hasAnyRole('PARTNER', 'PARTNER_MANAGER')")
class DealController {

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** Bean Validation's @Email accepts "a@b"; a customer address needs a real domain. */
    private static final String ADDRESS_WITH_DOMAIN = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    record CustomerRequest(@NotBlank @Size(max = 200) String companyName,
                           @NotBlank @Size(max = 200) String contactName,
                           @NotBlank @Size(max = 254) @Email @Pattern(regexp = ADDRESS_WITH_DOMAIN,
                                   message = "must be an email address with a domain") String contactEmail,
                           @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }

    record RegisterDealRequest(@Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String dealId,
                               @Pattern(regexp = RegisterPartner.ID_PATTERN, message = "must be a partner id") String partnerId,
                               @NotNull @Valid CustomerRequest customer,
                               @Min(1) Integer estimatedUsers,
                               @Size(max = 4000) String note) {
    }

    record DenyRequest(@NotNull @Pattern(regexp = "EXISTING_CUSTOMER|INVALID_LEAD|DUPLICATE|OTHER") String reason,
                       @Size(max = 4000) String comment) {
    }

    record StageRequest(@NotNull @Pattern(regexp = "NEW|NEWSLETTER_SUBSCRIPTION|TRIAL|CLOSED_WON|CLOSED_LOST") String stage) {
    }

    record MoneyRequest(@NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 2) BigDecimal amount,
                        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
    }

    record CloseWonRequest(@NotNull @Pattern(regexp = "CREDIT_CARD|INVOICE|PARTNER_BILLING") String billingOption,
                           @NotNull @Valid MoneyRequest annualValue) {
    }

    record CloseLostRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    record NoteRequest(@NotBlank @Size(max = 4000) String text,
                       @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String noteId) {
    }

    private final CommandGateway commands;

    DealController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Register a deal (a partner for itself; a manager on behalf of partnerId)")
    ResponseEntity<Map<String, Object>> register(@Valid @RequestBody RegisterDealRequest request, Caller caller) {
        String dealId = request.dealId() != null ? request.dealId().toLowerCase(Locale.ROOT) : UUID.randomUUID().toString();
        CustomerRequest customer = request.customer();
        Deal.RegistrationOutcome outcome = commands.sendAndWait(new RegisterDeal(dealId, registeringPartner(request, caller),
                new CustomerDetails(customer.companyName().trim(), customer.contactName().trim(),
                        customer.contactEmail().trim(), country(customer.country())),
                request.estimatedUsers(), request.note()));
        return outcome.created()
                ? Versions.created(URI.create("/api/deals/" + dealId), "dealId", dealId, outcome.version())
                : Versions.ok("dealId", dealId, outcome.version());
    }

    @PostMapping("/{dealId}/accept")
    @PreAuthorize("hasRole('PARTNER_MANAGER')")
    @Operation(summary = "Accept a pending deal")
    ResponseEntity<Map<String, Object>> accept(@PathVariable String dealId,
                                               ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new AcceptDeal(dealId, expected.value())));
    }

    @PostMapping("/{dealId}/deny")
    @PreAuthorize("hasRole('PARTNER_MANAGER')")
    @Operation(summary = "Deny a pending deal with a reason (comment required for OTHER)")
    ResponseEntity<Map<String, Object>> deny(@PathVariable String dealId, @Valid @RequestBody DenyRequest request,
                                             ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new DenyDeal(dealId, DenialReason.valueOf(request.reason()),
                request.comment(), expected.value())));
    }

    @PostMapping("/{dealId}/stage")
    @Operation(summary = "Move the deal to an open stage")
    ResponseEntity<Map<String, Object>> move(@PathVariable String dealId, @Valid @RequestBody StageRequest request,
                                             Caller caller,
                                             ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new MoveDealStage(dealId, DealStage.valueOf(request.stage()),
                caller.actingPartnerId(), expected.value())));
    }

    @PostMapping("/{dealId}/newsletter-subscription")
    @Operation(summary = "Record the customer's agreement to the newsletter")
    ResponseEntity<Map<String, Object>> newsletter(@PathVariable String dealId, Caller caller,
                                                   ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new SubmitNewsletterSubscription(dealId, caller.actingPartnerId(),
                expected.value())));
    }

    @PostMapping("/{dealId}/trial")
    @Operation(summary = "Start the customer's trial account from the deal and link it to the deal")
    ResponseEntity<Map<String, Object>> startTrial(@PathVariable String dealId, Caller caller,
                                                   ExpectedVersion expected) {
        String customerId = UUID.randomUUID().toString();
        Deal.TrialStart start = commands.sendAndWait(new StartTrial(dealId, customerId, caller.actingPartnerId(),
                expected.value()));
        ResponseEntity<Map<String, Object>> created = Versions.created(URI.create("/api/customers/" + customerId),
                "dealId", dealId, start.version());
        created.getBody().put("customerId", start.customerId());
        created.getBody().put("trialEndsAt", start.trialEndsAt());
        return created;
    }

    @PostMapping("/{dealId}/close-won")
    @Operation(summary = "Close an accepted deal as won, with billing option and annual value")
    ResponseEntity<Map<String, Object>> closeWon(@PathVariable String dealId, @Valid @RequestBody CloseWonRequest request,
                                                 Caller caller,
                                                 ExpectedVersion expected) {
        MoneyRequest value = request.annualValue();
        return ok(dealId, commands.sendAndWait(new CloseDealWon(dealId, BillingOption.valueOf(request.billingOption()),
                new Money(value.amount(), currency(value.currency())), caller.actingPartnerId(),
                expected.value())));
    }

    @PostMapping("/{dealId}/close-lost")
    @Operation(summary = "Close the deal as lost, with the reason to reassess later")
    ResponseEntity<Map<String, Object>> closeLost(@PathVariable String dealId, @Valid @RequestBody CloseLostRequest request,
                                                  Caller caller,
                                                  ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new CloseDealLost(dealId, request.reason().trim(),
                caller.actingPartnerId(), expected.value())));
    }

    @PostMapping("/{dealId}/reopen")
    @Operation(summary = "Reopen a lost deal in the stage it was closed from")
    ResponseEntity<Map<String, Object>> reopen(@PathVariable String dealId, Caller caller,
                                               ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new ReopenDeal(dealId, caller.actingPartnerId(), expected.value())));
    }

    @PostMapping("/{dealId}/notes")
    @Operation(summary = "Add a note (allowed in every state; send a noteId to make retries safe)")
    ResponseEntity<Map<String, Object>> addNote(@PathVariable String dealId, @Valid @RequestBody NoteRequest request,
                                                Caller caller,
                                                ExpectedVersion expected) {
        String noteId = request.noteId() != null ? request.noteId() : UUID.randomUUID().toString();
        long version = commands.sendAndWait(new AddDealNote(dealId, noteId, request.text(), caller.subject(),
                caller.actingPartnerId(), expected.value()));
        ResponseEntity<Map<String, Object>> created = Versions.created(URI.create("/api/deals/" + dealId),
                "dealId", dealId, version);
        created.getBody().put("noteId", noteId);
        return created;
    }

    record RedactionRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    @PostMapping("/{dealId}/notes/{noteId}/redaction")
    @PreAuthorize("hasRole('PARTNER_MANAGER')")
    @Operation(summary = "Erase one note's text everywhere, history included (SPEC 11); its author and time stay")
    ResponseEntity<Map<String, Object>> redactNote(@PathVariable String dealId, @PathVariable String noteId,
                                                   @Valid @RequestBody RedactionRequest request) {
        return ok(dealId, commands.sendAndWait(new RedactDealNote(dealId, noteId, request.reason().trim())));
    }

    /** A partner registers for itself; vendor staff name the partner they register for. */
    private static String registeringPartner(RegisterDealRequest request, Caller caller) {
        String acting = caller.actingPartnerId();
        if (acting == null) {
            if (request.partnerId() == null || request.partnerId().isBlank()) {
                throw RuleViolation.invalidField("partnerId", "is required when registering on behalf of a partner");
            }
            return request.partnerId();
        }
        if (request.partnerId() != null && !request.partnerId().equals(acting)) {
            throw RuleViolation.forbidden("FORBIDDEN", "A partner can register deals only for itself");
        }
        return acting;
    }

    private static String country(String code) {
        if (code == null) {
            return null;
        }
        String upper = code.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            throw RuleViolation.invalidField("customer.country", "is not an ISO 3166-1 alpha-2 country code");
        }
        return upper;
    }

    private static String currency(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException unknown) {
            throw RuleViolation.invalidField("annualValue.currency", "is not an ISO 4217 currency code");
        }
    }

    private static ResponseEntity<Map<String, Object>> ok(String dealId, long version) {
        return Versions.ok("dealId", dealId, version);
    }
}
