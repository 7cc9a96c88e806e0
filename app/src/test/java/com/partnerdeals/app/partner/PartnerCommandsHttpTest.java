package com.partnerdeals.app.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Partner commands (SPEC 3) at the edge: the rate shown is the rate used, and what is accepted is stored. */
@ServiceTest
class PartnerCommandsHttpTest {

    @LocalServerPort int port;

    PartnerProgram program;
    Api api;
    String manager;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        manager = program.tokens.manager();
    }

    @Test
    void aRateWithMoreThanFourDecimalsIsRefusedNeverRounded() {
        String partnerId = PartnerProgram.unique("partner");
        Api.Response tooPrecise = api.post("/api/partners", manager, Map.of("partnerId", partnerId, "name", "Precise",
                "domains", List.of(partnerId + ".example"), "commissionRate", "0.123456789"));
        assertThat(tooPrecise.status()).as(tooPrecise.toString()).isEqualTo(400);
        assertThat(tooPrecise.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooPrecise.json().findValuesAsString("field")).contains("commissionRate");

        Api.Response registered = api.post("/api/partners", manager, Map.of("partnerId", partnerId, "name", "Precise",
                "domains", List.of(partnerId + ".example"), "commissionRate", "0.1235"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Api.Response update = api.put("/api/partners/" + partnerId, manager, Map.of("commissionRate", "0.12345"));
        assertThat(update.status()).as(update.toString()).isEqualTo(400);

        String dealId = program.newAcceptedDeal(partnerId);
        Api.Response won = api.post("/api/deals/" + dealId + "/close-won", program.tokens.partner(partnerId), Map.of(
                "billingOption", "INVOICE", "annualValue", Map.of("amount", "10000.00", "currency", "EUR")));
        assertThat(won.status()).as(won.toString()).isEqualTo(200);
        await().untilAsserted(() -> {
            Api.Response deal = api.get("/api/deals/" + dealId, manager);
            assertThat(deal.at("/closeWon/commissionRate")).isEqualTo("0.1235");
            assertThat(deal.at("/closeWon/commissionAmount/amount")).isEqualTo("1235.00");
        });
        assertThat(api.get("/api/partners/" + partnerId, manager).at("/commissionRate")).isEqualTo("0.1235");
    }

    /** SPEC 9: every value a command accepts is storable; 50 domains of 200 characters need far more than 4000. */
    @Test
    void aPartnerWithAsManyAndAsLongDomainsAsAllowedIsStoredAndShown() {
        String partnerId = PartnerProgram.unique("partner");
        List<String> domains = IntStream.range(0, 50)
                .mapToObj(i -> "d" + i + "-" + "x".repeat(58) + "." + "y".repeat(60) + "." + "z".repeat(60) + ".example")
                .toList();
        Api.Response registered = api.post("/api/partners", manager, Map.of("partnerId", partnerId, "name", "Many domains",
                "domains", domains));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        await().untilAsserted(() -> assertThat(api.get("/api/partners/" + partnerId, manager).json().get("domains"))
                .hasSize(50));
        String dealId = program.newDeal(partnerId);
        assertThat(dealId).isNotNull();

        List<String> tooMany = IntStream.range(0, 51).mapToObj(i -> "d" + i + ".example").toList();
        Api.Response refused = api.put("/api/partners/" + partnerId, manager, Map.of("domains", tooMany));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
    }
}
