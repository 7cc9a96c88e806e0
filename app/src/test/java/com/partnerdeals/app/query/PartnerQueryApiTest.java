package com.partnerdeals.app.query;

import static com.partnerdeals.app.query.EventWriter.MANAGER;
import static com.partnerdeals.app.query.EventWriter.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.api.partner.PartnerUpdated;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The partner reads through HTTP: vendor staff see every partner, a partner only itself. */
@ServiceTest
class PartnerQueryApiTest {

    static final Instant REGISTERED = Instant.parse("2026-01-15T10:00:00Z");

    @LocalServerPort int port;
    @Autowired EventStore eventStore;

    final Tokens tokens = new Tokens();
    final String acme = freshId("acme");
    final String initech = freshId("initech");
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        EventWriter events = new EventWriter(eventStore);
        events.partner(acme, REGISTERED).append(id -> new PartnerUpdated(id, "Acme Consulting",
                Set.of(id + ".example", "acme-group.example"), new BigDecimal("0.25"), true), REGISTERED.plusSeconds(60),
                MANAGER);
        events.partner(initech, REGISTERED);
        awaitPartner(acme, 1);
        awaitPartner(initech, 0);
    }

    @Test
    void aManagerReadsAPartner() {
        Api.Response partner = api.get("/api/partners/" + acme, tokens.manager());

        assertThat(partner.status()).isEqualTo(200);
        assertThat(partner.at("/partnerId")).isEqualTo(acme);
        assertThat(partner.at("/name")).isEqualTo("Acme Consulting");
        assertThat(strings(partner, "/domains")).containsExactlyInAnyOrder("acme-group.example", acme + ".example")
                .isSorted();
        assertThat(partner.json().at("/commissionRate").isString()).isTrue();
        assertThat(partner.at("/commissionRate")).isEqualTo("0.25");
        assertThat(partner.at("/active")).isEqualTo("true");
        assertThat(partner.at("/registeredAt")).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(partner.at("/version")).isEqualTo("1");
    }

    @Test
    void aManagerListsEveryPartner() {
        Api.Response partners = api.get("/api/partners", tokens.manager());

        assertThat(partners.status()).isEqualTo(200);
        assertThat(ids(partners)).contains(acme, initech);
    }

    @Test
    void aPartnerSeesOnlyItself() {
        assertThat(ids(api.get("/api/partners", tokens.partner(acme)))).containsExactly(acme);
        assertThat(api.get("/api/partners/" + acme, tokens.partner(acme)).status()).isEqualTo(200);

        Api.Response other = api.get("/api/partners/" + initech, tokens.partner(acme));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.code()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/partners/" + freshId("nobody"), tokens.manager()).status()).isEqualTo(404);
    }

    @Test
    void theProductAndStrangersMayNotRead() {
        assertThat(api.get("/api/partners", tokens.system()).status()).isEqualTo(403);
        assertThat(api.get("/api/partners/" + acme, tokens.system()).status()).isEqualTo(403);
        assertThat(api.get("/api/partners", null).status()).isEqualTo(401);
        assertThat(api.get("/api/partners/" + acme, null).status()).isEqualTo(401);
    }

    private void awaitPartner(String partnerId, long version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/partners/" + partnerId, tokens.manager()),
                        response -> response.status() == 200 && Long.parseLong(response.at("/version")) == version);
    }

    private static List<String> ids(Api.Response partners) {
        assertThat(partners.status()).as(partners.toString()).isEqualTo(200);
        return StreamSupport.stream(partners.json().spliterator(), false)
                .map(partner -> partner.get("partnerId").asString()).toList();
    }

    private static List<String> strings(Api.Response response, String pointer) {
        return StreamSupport.stream(response.json().at(pointer).spliterator(), false).map(n -> n.asString()).toList();
    }
}
