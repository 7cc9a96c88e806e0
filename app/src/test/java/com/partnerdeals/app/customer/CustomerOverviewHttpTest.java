package com.partnerdeals.app.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The customer overview through HTTP: what each role sees, filters, sorting, paging, the tab counts, and
 * answers that change with time alone.
 */
@ServiceTest
class CustomerOverviewHttpTest {

    @LocalServerPort int port;
    @Autowired MutableClock clock;
    @Autowired DataSource dataSource;

    CustomerAccounts accounts;
    Api api;
    Tokens tokens;
    String partner;
    String otherPartner;
    Instant start;
    /** Uses the product actively, has chosen a framework. */
    String active;
    /** Subscribed. */
    String subscribed;
    /** Asked for an extension, no framework, no activity. */
    String asking;
    String othersAccount;

    @BeforeEach
    void setUp() {
        accounts = new CustomerAccounts(port, dataSource);
        api = accounts.api;
        tokens = accounts.program.tokens;
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(start);
        partner = accounts.program.newPartner();
        otherPartner = accounts.program.newPartner();
        active = accounts.newTrial(partner);
        subscribed = accounts.newTrial(partner);
        asking = accounts.newTrial(partner);
        othersAccount = accounts.newTrial(otherPartner);
        accounts.usage(active, 5, "ISO 27001", 20);
        accounts.usage(subscribed, 9, "NIS2", 70);
        accounts.report(active, CustomerAccounts.activities(3, start));
        accounts.report(subscribed, CustomerAccounts.activities(1, start));
        api.post("/api/customers/" + subscribed + "/subscription", tokens.system(), null);
        api.post("/api/customers/" + asking + "/trial-extension-requests", tokens.partner(partner), null);
        awaitOverview("", page -> page.at("/counts/all").asInt() == 3 && page.at("/counts/active").asInt() == 1
                && page.at("/counts/needsAttention").asInt() == 1 && activitiesOf(page, active) == 3);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    JsonNode overview(String token, String query) {
        Api.Response response = api.get("/api/customers" + query, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    JsonNode mine(String query) {
        return overview(tokens.partner(partner), query);
    }

    void awaitOverview(String query, java.util.function.Predicate<JsonNode> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> condition.test(mine(query)));
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("customerId").asString()));
        return ids;
    }

    static long activitiesOf(JsonNode page, String customerId) {
        for (JsonNode item : page.get("items")) {
            if (item.get("customerId").asString().equals(customerId)) {
                return item.get("activitiesLast90Days").asLong();
            }
        }
        return -1;
    }

    /** The partner's accounts in company-name order (the names come from fresh, random domains). */
    List<String> byCompanyName() {
        List<String> names = new ArrayList<>();
        mine("").get("items").forEach(item -> names.add(item.get("companyName").asString()));
        assertThat(names).isSortedAccordingTo(Comparator.comparing(String::toLowerCase));
        return ids(mine(""));
    }

    @Test
    void aPartnerSeesItsOwnAccountsWithEveryColumnAndTheTabCounts() {
        JsonNode page = mine("");
        assertThat(ids(page)).containsExactlyInAnyOrder(active, subscribed, asking);
        assertThat(page.at("/totalItems").asInt()).isEqualTo(3);
        assertThat(page.at("/page").asInt()).isZero();
        assertThat(page.at("/size").asInt()).isEqualTo(50);
        assertThat(page.get("counts").toString())
                .isEqualTo("{\"all\":3,\"trial\":2,\"active\":1,\"closed\":0,\"needsAttention\":1}");

        Api.Response one = api.get("/api/customers/" + active, tokens.partner(partner));
        assertThat(one.at("/status")).isEqualTo("TRIAL");
        assertThat(one.at("/users")).isEqualTo("5");
        assertThat(one.at("/mainFramework")).isEqualTo("ISO 27001");
        assertThat(one.at("/frameworkProgress")).isEqualTo("20");
        assertThat(one.at("/activitiesLast90Days")).isEqualTo("3");
        assertThat(one.at("/lastActivityAt")).isEqualTo(start.toString());
        assertThat(one.at("/trialEndsAt")).isEqualTo(start.plus(Duration.ofDays(14)).toString());
        assertThat(one.at("/companyName")).startsWith("Company of anna@");
        assertThat(one.at("/domain")).endsWith(".fi");
        assertThat(one.at("/attentionCount")).isEqualTo("0");
        assertThat(one.json().has("subscribedAt")).isTrue();
        Api.Response askingOne = api.get("/api/customers/" + asking, tokens.partner(partner));
        assertThat(askingOne.at("/attentionItems/0/code")).isEqualTo("EXTENSION_REQUESTED");
        assertThat(askingOne.at("/attentionItems/0/detail")).isNotBlank();
    }

    @Test
    void anotherPartnersAccountDoesNotExistForAPartner() {
        assertThat(api.get("/api/customers/" + othersAccount, tokens.partner(partner)).code()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/customers/no-such-customer", tokens.partner(partner)).code()).isEqualTo("NOT_FOUND");
        assertThat(ids(mine("?partnerId=" + otherPartner))).doesNotContain(othersAccount).hasSize(3);
    }

    @Test
    void aManagerSeesEveryoneOrOnePartner() {
        JsonNode everyone = overview(tokens.manager(), "?size=200");
        assertThat(everyone.at("/counts/all").asInt()).isGreaterThanOrEqualTo(4);
        JsonNode one = overview(tokens.manager(), "?partnerId=" + partner);
        assertThat(ids(one)).containsExactlyInAnyOrder(active, subscribed, asking);
        assertThat(one.at("/counts/all").asInt()).isEqualTo(3);
        assertThat(api.get("/api/customers/" + othersAccount, tokens.manager()).status()).isEqualTo(200);
    }

    @Test
    void theProductAndStrangersCannotRead() {
        assertThat(api.get("/api/customers", tokens.system()).status()).isEqualTo(403);
        assertThat(api.get("/api/customers/" + active, tokens.system()).status()).isEqualTo(403);
        assertThat(api.get("/api/customers", null).status()).isEqualTo(401);
    }

    @Test
    void filtersByStatusAttentionAndText() {
        assertThat(ids(mine("?status=ACTIVE"))).containsExactly(subscribed);
        assertThat(ids(mine("?status=TRIAL&status=CLOSED"))).containsExactlyInAnyOrder(active, asking);
        JsonNode attention = mine("?needsAttention=true");
        assertThat(ids(attention)).containsExactly(asking);
        assertThat(attention.at("/totalItems").asInt()).isEqualTo(1);
        assertThat(attention.at("/counts/all").asInt()).isEqualTo(3);

        String domain = api.get("/api/customers/" + active, tokens.partner(partner)).at("/domain");
        assertThat(ids(mine("?q=" + domain.substring(0, domain.indexOf('.')).toUpperCase()))).containsExactly(active);
    }

    @Test
    void sortsAndPages() {
        List<String> byName = byCompanyName();
        List<String> reversed = new ArrayList<>(byName);
        Collections.reverse(reversed);
        assertThat(ids(mine("?sort=companyName,desc"))).containsExactlyElementsOf(reversed);
        assertThat(ids(mine("?sort=activitiesLast90Days,desc")).get(0)).isEqualTo(active);
        assertThat(ids(mine("?sort=attentionCount,desc")).get(0)).isEqualTo(asking);
        assertThat(ids(mine("?sort=trialEndsAt"))).hasSize(3);

        JsonNode second = mine("?size=2&page=1");
        assertThat(ids(second)).containsExactly(byName.get(2));
        assertThat(second.at("/totalItems").asInt()).isEqualTo(3);
        assertThat(second.at("/page").asInt()).isEqualTo(1);
    }

    @Test
    void badListParametersAreValidationFailures() {
        for (String query : List.of("?size=0", "?size=201", "?page=-1", "?sort=users", "?sort=companyName,up",
                "?status=OPEN", "?needsAttention=maybe")) {
            Api.Response response = api.get("/api/customers" + query, tokens.partner(partner));
            assertThat(response.status()).as(query + " " + response).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void attentionItemsAndActivityCountsFollowTheClockWithNoNewEvent() {
        clock.set(start.plus(Duration.ofDays(8)));
        Api.Response asked = api.get("/api/customers/" + asking, tokens.partner(partner));
        assertThat(asked.at("/attentionCount")).isEqualTo("4");
        assertThat(api.get("/api/customers/" + active, tokens.partner(partner)).at("/attentionItems/0/code"))
                .isEqualTo("TRIAL_ENDING");
        assertThat(mine("?needsAttention=true").at("/counts").toString())
                .isEqualTo("{\"all\":3,\"trial\":2,\"active\":1,\"closed\":0,\"needsAttention\":2}");

        clock.set(start.plus(Duration.ofDays(90)));
        assertThat(api.get("/api/customers/" + active, tokens.partner(partner)).at("/activitiesLast90Days"))
                .isEqualTo("0");
        assertThat(api.get("/api/customers/" + active, tokens.partner(partner)).at("/status")).isEqualTo("CLOSED");
    }
}
