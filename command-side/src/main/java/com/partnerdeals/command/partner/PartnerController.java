package com.partnerdeals.command.partner;

import com.partnerdeals.api.partner.RegisterPartner;
import com.partnerdeals.api.partner.UpdatePartner;
import com.partnerdeals.command.web.CommandResult;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.web.ExpectedVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/partners")
@Tag(name = "Partners")
@PreAuthorize("hasRole('PARTNER_MANAGER')")
class PartnerController {

    static final String DOMAIN = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";

    record RegisterPartnerRequest(
            @NotNull @Pattern(regexp = RegisterPartner.ID_PATTERN) @Schema(example = "nordic-grc") String partnerId,
            @NotBlank @Size(max = 200) @Schema(example = "Nordic GRC") String name,
            @NotEmpty @Size(max = RegisterPartner.MAX_DOMAINS)
            @ArraySchema(schema = @Schema(example = "nordicgrc.se"))
            Set<@NotNull @Size(max = 253) @Pattern(regexp = DOMAIN, message = "must be a domain name") String> domains,
            @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = RegisterPartner.RATE_DECIMALS)
            @Schema(type = "string", description = "Default 0.20; at most 4 decimals", example = "0.20")
            BigDecimal commissionRate,
            @Schema(description = "Accept the partner's deals without flags at registration (default false)",
                    example = "false") Boolean autoAccept) {
    }

    record UpdatePartnerRequest(
            @Size(min = 1, max = 200) @Schema(example = "Nordic GRC AB") String name,
            @Size(min = 1, max = RegisterPartner.MAX_DOMAINS) @ArraySchema(schema = @Schema(example = "nordicgrc.se"))
            Set<@NotNull @Size(max = 253) @Pattern(regexp = DOMAIN, message = "must be a domain name") String> domains,
            @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = RegisterPartner.RATE_DECIMALS)
            @Schema(type = "string", description = "At most 4 decimals", example = "0.25")
            BigDecimal commissionRate,
            @Schema(description = "false deactivates the partner", example = "true") Boolean active,
            @Schema(description = "Accept the partner's deals without flags at registration", example = "true")
            Boolean autoAccept) {
    }

    private final CommandGateway commands;
    private final PortalProperties properties;

    PartnerController(CommandGateway commands, PortalProperties properties) {
        this.commands = commands;
        this.properties = properties;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Registered; Location names the partner", useReturnTypeSchema = true)
    @Operation(operationId = "registerPartner", summary = "Register a partner",
            description = "A consulting firm joins the program with its own email domains (a deal whose contact uses one of them is refused) and a commission rate (default 0.20, at most 4 decimals).")
    ResponseEntity<CommandResult> register(@Valid @RequestBody RegisterPartnerRequest request) {
        BigDecimal rate = request.commissionRate() != null
                ? request.commissionRate() : properties.deal().defaultCommissionRate();
        long version = commands.sendAndWait(new RegisterPartner(request.partnerId(), request.name().trim(),
                lowerCase(request.domains()), rate, Boolean.TRUE.equals(request.autoAccept())));
        return CommandResult.partner(request.partnerId(), version).created(URI.create("/api/partners/" + request.partnerId()));
    }

    @PutMapping("/{partnerId}")
    @Operation(operationId = "updatePartner", summary = "Update a partner; omitted fields keep their value",
            description = "Name, domains, commission rate (for deals closed from now on), active and auto-accept. A deactivated partner's users can only read and add notes.")
    ResponseEntity<CommandResult> update(@PathVariable String partnerId,
                                               @Valid @RequestBody UpdatePartnerRequest request,
                                               ExpectedVersion expected) {
        long version = commands.sendAndWait(new UpdatePartner(partnerId,
                request.name() != null ? request.name().trim() : null,
                request.domains() != null ? lowerCase(request.domains()) : null,
                request.commissionRate(), request.active(), request.autoAccept(), expected.value()));
        return CommandResult.partner(partnerId, version).ok();
    }

    private static Set<String> lowerCase(Set<String> domains) {
        return domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
