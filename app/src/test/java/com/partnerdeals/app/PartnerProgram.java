package com.partnerdeals.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Sets up a partner program through the API for a test: partners with fresh ids and domains, deals for
 * fresh customer domains. Fresh names keep tests independent in the one shared database.
 */
public class PartnerProgram {

    public final Api api;
    public final Tokens tokens = new Tokens();

    public PartnerProgram(int port) {
        this.api = new Api(port);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a new partner whose own domain is {@code <id>.example}; returns its id. */
    public String newPartner() {
        String partnerId = unique("partner");
        Api.Response response = api.post("/api/partners", tokens.manager(), Map.of(
                "partnerId", partnerId, "name", "Partner " + partnerId, "domains", List.of(partnerId + ".example")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return partnerId;
    }

    /** A fresh customer domain nobody has registered yet. */
    public static String newCustomerDomain() {
        return unique("customer") + ".fi";
    }

    public static Map<String, Object> dealFor(String contactEmail) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("companyName", "Company of " + contactEmail);
        customer.put("contactName", "Anna Virtanen");
        customer.put("contactEmail", contactEmail);
        customer.put("country", "FI");
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("customer", customer);
        deal.put("estimatedUsers", 25);
        return deal;
    }

    /** Registers a deal for a fresh customer domain as the partner; returns the deal id. */
    public String newDeal(String partnerId) {
        return newDeal(partnerId, "anna@" + newCustomerDomain());
    }

    public String newDeal(String partnerId, String contactEmail) {
        Api.Response response = api.post("/api/deals", tokens.partner(partnerId), dealFor(contactEmail));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.at("/dealId");
    }

    /** Waits until no read model replays and every one has handled every stored event. */
    public void awaitReadModelsCaughtUp(Duration patience) {
        await().atMost(patience).until(() -> {
            JsonNode projections = api.get("/api/admin/projections", tokens.manager()).json();
            return projections.findValues("replaying").stream().noneMatch(JsonNode::asBoolean)
                    && projections.findValues("lag").stream().allMatch(lag -> lag.asLong() == 0);
        });
    }

    public String newAcceptedDeal(String partnerId) {
        String dealId = newDeal(partnerId);
        Api.Response accepted = api.post("/api/deals/" + dealId + "/accept", tokens.manager(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return dealId;
    }
}
