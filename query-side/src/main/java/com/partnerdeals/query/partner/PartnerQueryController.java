package com.partnerdeals.query.partner;

import com.partnerdeals.api.partner.FindPartner;
import com.partnerdeals.api.partner.ListPartners;
import com.partnerdeals.api.partner.PartnerView;
import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The partner reads: vendor staff see every partner, a partner only itself. */
@RestController
@RequestMapping("/api/partners")
@Tag(name = "Partners")
@PreAuthorize("hasAnyRole('PARTNER', 'PARTNER_MANAGER')")
class PartnerQueryController {

    private final QueryGateway queries;

    PartnerQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(operationId = "listPartners", summary = "Partners: all for vendor staff, a partner only itself",
            description = "With domains, commission rate and whether the partner is active.")
    List<PartnerView> partners(Caller caller) {
        return queries.query(new ListPartners(caller.viewer()), ResponseTypes.multipleInstancesOf(PartnerView.class))
                .join();
    }

    @GetMapping("/{partnerId}")
    @Operation(operationId = "getPartner", summary = "One partner",
            description = "A partner may read only itself (another is 404).")
    PartnerView partner(@PathVariable String partnerId, Caller caller) {
        return queries.query(new FindPartner(partnerId, caller.viewer()), PartnerView.class).join();
    }
}
