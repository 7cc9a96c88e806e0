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
import com.partnerdeals.api.deal.WithdrawDeal;
import com.partnerdeals.api.partner.RegisterPartner;
import com.partnerdeals.command.web.CommandResult;
import com.partnerdeals.platform.randomness.ThreadSecureRandom;
import com.partnerdeals.platform.security.Caller;
import com.partnerdeals.platform.web.ExpectedVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import java.util.Set;
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

    record CustomerRequest(@NotBlank @Size(max = 200) @Schema(example = "Acme Oy") String companyName,
                           @NotBlank @Size(max = 200) @Schema(example = "Anna Virtanen") String contactName,
                           @NotBlank @Size(max = 254) @Email @Pattern(regexp = ADDRESS_WITH_DOMAIN,
                                   message = "must be an email address with a domain")
                           @Schema(description = "The customer's contact; its registrable domain identifies the customer",
                                   example = "anna.virtanen@acme.fi") String contactEmail,
                           @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
                           @Schema(description = "ISO 3166-1 alpha-2", example = "FI") String country) {
    }

    record RegisterDealRequest(@Pattern(regexp = UUID_PATTERN, message = "must be a UUID")
                               @Schema(description = "Optional; chosen by the client to make retries safe",
                                       example = "3f1c2a9e-8b4d-4e7a-9c1f-2d5e6a7b8c9d") String dealId,
                               @Pattern(regexp = RegisterPartner.ID_PATTERN, message = "must be a partner id")
                               @Schema(description = "Vendor staff only: the partner registered for",
                                       example = "nordic-grc") String partnerId,
                               @NotNull @Valid CustomerRequest customer,
                               @Min(1) @Schema(example = "25") Integer estimatedUsers,
                               @Size(max = 4000) @Schema(example = "Met at the ISO 27001 webinar") String note) {
    }

    record DenyRequest(@NotNull @Schema(example = "INVALID_LEAD") DenialReason reason,
                       @Size(max = 4000) @Schema(description = "Required for OTHER",
                               example = "The contact left the company") String comment) {
    }

    record StageRequest(@NotNull @Schema(description = "An open stage; a closed one is refused (use close-won, close-lost or withdraw)",
            example = "NEWSLETTER_SUBSCRIPTION") DealStage stage) {
    }

    record MoneyRequest(@NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 2)
                        @Schema(type = "string", description = "Decimal string, at most 2 decimals", example = "4800.00")
                        BigDecimal amount,
                        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
                        @Schema(description = "ISO 4217", example = "EUR") String currency) {
    }

    record CloseWonRequest(@NotNull @Schema(example = "INVOICE") BillingOption billingOption,
                           @NotNull @Valid MoneyRequest annualValue) {
    }

    record CloseLostRequest(@NotBlank @Size(max = 4000) @Schema(example = "Chose a competitor; reassess in Q3")
                            String reason) {
    }

    record WithdrawRequest(@NotBlank @Size(max = 4000) @Schema(example = "Registered for the wrong customer")
                           String reason) {
    }

    record NoteRequest(@NotBlank @Size(max = 4000) @Schema(example = "Demo booked for Friday") String text,
                       @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+")
                       @Schema(description = "Optional; chosen by the client to make retries safe", example = "note-1")
                       String noteId) {
    }

    private final CommandGateway commands;

    DealController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Registered; Location names the deal", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "A retry of an earlier registration: nothing written", useReturnTypeSchema = true)
    @Operation(operationId = "registerDeal", summary = "Register a deal (a partner for itself; a manager on behalf of partnerId)",
            description = "The customer is recognised by the registrable domain of the contact email (anna@sales.acme.co.uk: acme.co.uk), and every rule below compares that; an address whose domain is no domain name is 400 VALIDATION_FAILED. The deal starts in stage NEW, review PENDING. Refused: CONTACT_IS_PARTNER, FREE_EMAIL_DOMAIN (400), DUPLICATE_DEAL with existingDealId (409). Another partner's deal or an existing customer account for the domain only flags the deal for the reviewer. Retrying with the same dealId and payload answers 200 and writes nothing; a different payload is 409 DEAL_ID_TAKEN.")
    ResponseEntity<CommandResult> register(@Valid @RequestBody RegisterDealRequest request, Caller caller) {
        String dealId = request.dealId() != null ? request.dealId().toLowerCase(Locale.ROOT)
                : ThreadSecureRandom.randomUuid().toString();
        CustomerRequest customer = request.customer();
        Deal.RegistrationOutcome outcome = commands.sendAndWait(new RegisterDeal(dealId, registeringPartner(request, caller),
                new CustomerDetails(customer.companyName().trim(), customer.contactName().trim(),
                        customer.contactEmail().trim(), country(customer.country())),
                request.estimatedUsers(), request.note()));
        CommandResult result = CommandResult.deal(dealId, outcome.version());
        return outcome.created() ? result.created(URI.create("/api/deals/" + dealId)) : result.ok();
    }

    @PostMapping("/{dealId}/accept")
    @PreAuthorize("hasRole('PARTNER_MANAGER')")
    @Operation(operationId = "acceptDeal", summary = "Accept a pending deal",
            description = "PENDING to ACCEPTED. Accepting an accepted deal changes nothing; a denied one is 409 REVIEW_ALREADY_DECIDED.")
    ResponseEntity<CommandResult> accept(@PathVariable String dealId,
                                               ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new AcceptDeal(dealId, expected.value())));
    }

    @PostMapping("/{dealId}/deny")
    @PreAuthorize("hasRole('PARTNER_MANAGER')")
    @Operation(operationId = "denyDeal", summary = "Deny a pending deal with a reason (comment required for OTHER)",
            description = "PENDING to DENIED; the partner sees the reason and comment. A denied deal refuses every change but notes.")
    ResponseEntity<CommandResult> deny(@PathVariable String dealId, @Valid @RequestBody DenyRequest request,
                                             ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new DenyDeal(dealId, request.reason(),
                request.comment(), expected.value())));
    }

    @PostMapping("/{dealId}/stage")
    @Operation(operationId = "moveDealStage", summary = "Move the deal to an open stage",
            description = "From any open stage to another, forward or back, also while the review is pending. The same stage changes nothing; a CLOSED_* target is 400 USE_CLOSE_COMMAND.")
    ResponseEntity<CommandResult> move(@PathVariable String dealId, @Valid @RequestBody StageRequest request,
                                             Caller caller,
                                             ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new MoveDealStage(dealId, request.stage(),
                caller.actingPartnerId(), expected.value())));
    }

    @PostMapping("/{dealId}/newsletter-subscription")
    @Operation(operationId = "submitNewsletterSubscription", summary = "Record the customer's agreement to the newsletter",
            description = "Moves a NEW deal to NEWSLETTER_SUBSCRIPTION. A second submission changes nothing.")
    ResponseEntity<CommandResult> newsletter(@PathVariable String dealId, Caller caller,
                                                   ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new SubmitNewsletterSubscription(dealId, caller.actingPartnerId(),
                expected.value())));
    }

    @PostMapping("/{dealId}/trial")
    @ApiResponse(responseCode = "201", description = "The trial started; Location names the customer account", useReturnTypeSchema = true)
    @Operation(operationId = "startTrial", summary = "Start the customer's trial account from the deal and link it to the deal",
            description = "Creates the customer account in trial, links it to the deal and moves the deal to TRIAL; at most one per deal (409 TRIAL_EXISTS).")
    ResponseEntity<CommandResult> startTrial(@PathVariable String dealId, Caller caller,
                                                   ExpectedVersion expected) {
        String customerId = ThreadSecureRandom.randomUuid().toString();
        Deal.TrialStart start = commands.sendAndWait(new StartTrial(dealId, customerId, caller.actingPartnerId(),
                expected.value()));
        return CommandResult.trialStarted(dealId, start.customerId(), start.trialEndsAt(), start.version())
                .created(URI.create("/api/customers/" + start.customerId()));
    }

    @PostMapping("/{dealId}/close-won")
    @Operation(operationId = "closeDealWon", summary = "Close an accepted deal as won, with billing option and annual value",
            description = "Only an accepted, open deal (409 DEAL_NOT_ACCEPTED). The commission is the annual value times the partner's rate, half-even to cents; the billing option decides whether it is paid out or deducted from the partner's invoice.")
    ResponseEntity<CommandResult> closeWon(@PathVariable String dealId, @Valid @RequestBody CloseWonRequest request,
                                                 Caller caller,
                                                 ExpectedVersion expected) {
        MoneyRequest value = request.annualValue();
        return ok(dealId, commands.sendAndWait(new CloseDealWon(dealId, request.billingOption(),
                new Money(value.amount(), currency(value.currency())), caller.actingPartnerId(),
                expected.value())));
    }

    @PostMapping("/{dealId}/close-lost")
    @Operation(operationId = "closeDealLost", summary = "Close the deal as lost, with the reason to reassess later",
            description = "Any open deal; the reason stays for a later reassessment (reopen).")
    ResponseEntity<CommandResult> closeLost(@PathVariable String dealId, @Valid @RequestBody CloseLostRequest request,
                                                  Caller caller,
                                                  ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new CloseDealLost(dealId, request.reason().trim(),
                caller.actingPartnerId(), expected.value())));
    }

    @PostMapping("/{dealId}/withdraw")
    @Operation(operationId = "withdrawDeal", summary = "Withdraw an open deal registered by mistake",
            description = "The deal moves to WITHDRAWN: closed for good (not reopenable), its customer domain released "
                    + "for new registrations, only notes from then on. A denied deal is 409 DEAL_DENIED, a closed one "
                    + "409 DEAL_CLOSED.")
    ResponseEntity<CommandResult> withdraw(@PathVariable String dealId, @Valid @RequestBody WithdrawRequest request,
                                           Caller caller,
                                           ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new WithdrawDeal(dealId, request.reason().trim(),
                caller.actingPartnerId(), expected.value())));
    }

    @PostMapping("/{dealId}/reopen")
    @Operation(operationId = "reopenDeal", summary = "Reopen a lost deal in the stage it was closed from",
            description = "Only a CLOSED_LOST deal (409 DEAL_NOT_LOST).")
    ResponseEntity<CommandResult> reopen(@PathVariable String dealId, Caller caller,
                                               ExpectedVersion expected) {
        return ok(dealId, commands.sendAndWait(new ReopenDeal(dealId, caller.actingPartnerId(), expected.value())));
    }

    @PostMapping("/{dealId}/notes")
    @ApiResponse(responseCode = "201", description = "The note was added", useReturnTypeSchema = true)
    @Operation(operationId = "addDealNote", summary = "Add a note (allowed in every state; send a noteId to make retries safe)",
            description = "Allowed in every state, also on denied and closed deals. A retry with the same noteId and text changes nothing; another text is 409 NOTE_ID_TAKEN.")
    ResponseEntity<CommandResult> addNote(@PathVariable String dealId, @Valid @RequestBody NoteRequest request,
                                                Caller caller,
                                                ExpectedVersion expected) {
        String noteId = request.noteId() != null ? request.noteId() : ThreadSecureRandom.randomUuid().toString();
        long version = commands.sendAndWait(new AddDealNote(dealId, noteId, request.text(), caller.subject(),
                caller.actingPartnerId(), expected.value()));
        return CommandResult.deal(dealId, version).withNote(noteId).created(URI.create("/api/deals/" + dealId));
    }

    record RedactionRequest(@NotBlank @Size(max = 4000) @Schema(example = "The customer asked for erasure")
                            String reason) {
    }

    @PostMapping("/{dealId}/notes/{noteId}/redaction")
    @PreAuthorize("hasRole('PARTNER_MANAGER')")
    @Operation(operationId = "redactDealNote", summary = "Erase one note's text everywhere, history included; its author and time stay",
            description = "The note's text becomes null with redacted: true in every answer, history and replays included; its author and time stay.")
    ResponseEntity<CommandResult> redactNote(@PathVariable String dealId, @PathVariable String noteId,
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

    private static ResponseEntity<CommandResult> ok(String dealId, long version) {
        return CommandResult.deal(dealId, version).ok();
    }
}
