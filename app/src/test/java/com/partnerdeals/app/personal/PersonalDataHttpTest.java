package com.partnerdeals.app.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import tools.jackson.databind.JsonNode;

/**
 * SPEC 11 end to end, on H2 and PostgreSQL: a contact registered at two partners is erased; every read path shows
 * the name and email as null, before and after a replay of every projection; the whole database, dumped, holds
 * neither anywhere, while the deals' histories keep every event. A note is redacted the same way, and a stored
 * ciphertext altered by one byte fails loudly.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataHttpTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Value("${spring.datasource.url}") String databaseUrl;

    PartnerProgram program;
    Api api;
    String manager;
    String contactName;
    String email;
    String companyName;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        manager = program.tokens.manager();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        contactName = "Zelda Quistgaard" + unique;
        email = "zelda.q" + unique + "@" + PartnerProgram.newCustomerDomain();
        companyName = "Quistgaard Group " + unique;
    }

    @Test
    void anErasedContactIsGoneFromEveryAnswerAndFromTheWholeDatabaseWhileEveryEventStays(CapturedOutput output)
            throws Exception {
        String first = program.newPartner();
        String second = program.newPartner();
        String wonDeal = register(first);
        String otherDeal = register(second);
        accept(wonDeal);
        assertThat(asPartner(first, "/api/deals/" + wonDeal + "/newsletter-subscription", null).status()).isEqualTo(200);
        assertThat(asPartner(first, "/api/deals/" + wonDeal + "/notes", Map.of("text", "Demo went well")).status()).isEqualTo(201);
        assertThat(asPartner(second, "/api/deals/" + otherDeal + "/notes", Map.of("text", "Budget next quarter")).status()).isEqualTo(201);
        Api.Response trial = asPartner(first, "/api/deals/" + wonDeal + "/trial", null);
        assertThat(trial.status()).as(trial.toString()).isEqualTo(201);
        String customerId = trial.at("/customerId");
        assertThat(asPartner(first, "/api/deals/" + wonDeal + "/close-won", Map.of("billingOption", "INVOICE",
                "annualValue", Map.of("amount", "4800.00", "currency", "EUR"))).status()).isEqualTo(200);
        long wonEvents = awaitHistory(wonDeal).size();
        long otherEvents = awaitHistory(otherDeal).size();
        awaitCaughtUp();

        Api.Response access = api.get("/api/personal-data?email=" + email.toUpperCase(), manager);
        assertThat(access.status()).as(access.toString()).isEqualTo(200);
        assertThat(access.json().get("deals")).hasSize(2);
        assertThat(access.json().get("deals").get(0).get("contactName").asString()).isEqualTo(contactName);
        assertThat(access.json().get("customerAccounts").get(0).get("customerId").asString()).isEqualTo(customerId);
        assertThat(dump()).as("encrypted in the store, but the read models show the contact until erased")
                .contains(contactName);

        // SPEC 11: access and erasure are vendor staff's; a partner is refused, and nothing is erased.
        assertThat(api.get("/api/personal-data?email=" + email, program.tokens.partner(first)).status()).isEqualTo(403);
        assertThat(api.post("/api/personal-data/erasures", program.tokens.partner(first),
                Map.of("email", email, "reason", "A partner may not")).status()).isEqualTo(403);
        assertThat(api.get("/api/personal-data?email=" + email, manager).json().get("deals")).hasSize(2);

        Api.Response erased = api.post("/api/personal-data/erasures", manager,
                Map.of("email", email, "reason", "The contact asked to be forgotten (ticket 4711)"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.at("/deals")).isEqualTo("2");
        assertThat(erased.at("/customerAccounts")).isEqualTo("1");

        assertErasedEverywhere(wonDeal, first, wonEvents + 1);
        assertErasedEverywhere(otherDeal, second, otherEvents + 1);
        assertThat(api.get("/api/customers/" + customerId, program.tokens.partner(first)).at("/customerId")).isEqualTo(customerId);
        assertThat(api.get("/api/personal-data?email=" + email, manager).json().get("deals")).isEmpty();
        Api.Response again = api.post("/api/personal-data/erasures", manager, Map.of("email", email, "reason", "Asked again"));
        assertThat(again.at("/deals")).isEqualTo("0");
        assertThat(again.at("/customerAccounts")).isEqualTo("0");
        // The aggregate reads the contact as null too, and goes on taking commands.
        assertThat(asPartner(first, "/api/deals/" + wonDeal + "/notes", Map.of("text", "Renewal in a year")).status()).isEqualTo(201);
        Api.Response newsletter = asPartner(second, "/api/deals/" + otherDeal + "/newsletter-subscription", null);
        assertThat(newsletter.status()).as("the agreement is recorded without the erased email: " + newsletter).isEqualTo(200);

        for (String projection : List.of("deal-views", "partner-views", "customer-overview")) {
            assertThat(api.post("/api/admin/projections/" + projection + "/replay", manager, null).status()).isEqualTo(202);
        }
        awaitCaughtUp();
        assertErasedEverywhere(wonDeal, first, wonEvents + 2);
        assertErasedEverywhere(otherDeal, second, otherEvents + 3);

        String dump = dump();
        for (String personal : List.of(email, contactName)) {
            assertThat(dump).doesNotContainIgnoringCase(personal).doesNotContainIgnoringCase(hex(personal));
        }
        assertThat(output.getAll()).doesNotContainIgnoringCase(email).doesNotContain(contactName);
    }

    @Test
    void aRedactedNoteKeepsItsAuthorAndTimeButNotItsTextAnywhere() throws Exception {
        String partner = program.newPartner();
        String dealId = register(partner);
        String secret = "Zelda is on sick leave " + UUID.randomUUID();
        Api.Response note = asPartner(partner, "/api/deals/" + dealId + "/notes", Map.of("text", secret, "noteId", "n-sick"));
        assertThat(note.status()).isEqualTo(201);
        assertThat(asPartner(partner, "/api/deals/" + dealId + "/notes", Map.of("text", "Demo booked")).status()).isEqualTo(201);
        awaitCaughtUp();

        assertThat(api.post("/api/deals/" + dealId + "/notes/n-sick/redaction", program.tokens.partner(partner),
                Map.of("reason", "Health data")).status()).as("managers only").isEqualTo(403);
        assertThat(api.post("/api/deals/" + dealId + "/notes/no-such-note/redaction", manager,
                Map.of("reason", "Typo")).code()).isEqualTo("NOT_FOUND");
        Api.Response redacted = api.post("/api/deals/" + dealId + "/notes/n-sick/redaction", manager, Map.of("reason", "Health data"));
        assertThat(redacted.status()).as(redacted.toString()).isEqualTo(200);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode notes = api.get("/api/deals/" + dealId, manager).json().get("notes");
            assertThat(notes.get(0).get("text").isNull()).isTrue();
            assertThat(notes.get(0).get("redacted").asBoolean()).isTrue();
            assertThat(notes.get(0).get("author").asString()).isNotBlank();
            assertThat(notes.get(1).get("text").asString()).isEqualTo("Demo booked");
        });
        JsonNode history = api.get("/api/deals/" + dealId + "/history", manager).json();
        JsonNode added = history.get(1);
        assertThat(added.get("eventType").asString()).isEqualTo("DealNoteAdded");
        assertThat(added.get("data").get("text").isNull()).isTrue();
        assertThat(added.get("redacted").asBoolean()).isTrue();
        assertThat(history.get(history.size() - 1).get("eventType").asString()).isEqualTo("DealNoteRedacted");
        assertThat(history.get(history.size() - 1).get("actor").get("subject").asString()).isEqualTo("manager@vendor.example");
        assertThat(dump()).doesNotContain(secret).doesNotContainIgnoringCase(hex(secret));
    }

    /** A key erased on another node must also leave this node's memory (PersonalDataKeys#forgetExpiredKeys). */
    @Test
    void theCachedKeysAreSweptEveryMinute(@Autowired ScheduledTaskHolder schedules) {
        assertThat(schedules.getScheduledTasks()).map(scheduled -> scheduled.getTask())
                .filteredOn(task -> task.toString().endsWith("PersonalDataKeys.forgetExpiredKeys"))
                .singleElement()
                .satisfies(task -> assertThat(((FixedDelayTask) task).getIntervalDuration()).isEqualTo(Duration.ofMinutes(1)));
    }

    /** A stored ciphertext altered by one byte: the read fails loudly; a projection parks the event. */
    @Test
    void aTamperedCiphertextIsDetectedAndParkedNotDecryptedToGarbage() throws Exception {
        String partner = program.newPartner();
        String dealId = register(partner);
        asPartner(partner, "/api/deals/" + dealId + "/notes", Map.of("text", "Tamper with me", "noteId", "n-tamper"));
        awaitCaughtUp();
        Map<String, Object> row = jdbc.sql("""
                        SELECT global_index, payload FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type LIKE '%DealNoteAdded'""")
                .param(dealId).query().singleRow();
        byte[] original = (byte[]) row.get("payload");
        String json = new String(original, StandardCharsets.UTF_8);
        int at = json.indexOf("pd1.") + 60;
        char flipped = json.charAt(at) == 'A' ? 'B' : 'A';
        byte[] tampered = (json.substring(0, at) + flipped + json.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
        jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?").params(tampered, row.get("global_index")).update();
        try {
            assertThat(api.get("/api/deals/" + dealId + "/history", manager).status()).isEqualTo(500);
            assertThat(api.post("/api/admin/projections/deal-views/replay", manager, null).status()).isEqualTo(202);
            awaitCaughtUp();
            assertThat(deadLetters("deal-views")).isEqualTo(1);
            assertThat(api.get("/api/deals/" + dealId, manager).status()).as("the deal itself stays").isEqualTo(200);
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?").params(original, row.get("global_index")).update();
        }
        // The dead letter holds its own copy of the altered event: with the store mended, a replay rebuilds all.
        assertThat(api.post("/api/admin/projections/deal-views/replay", manager, null).status()).isEqualTo(202);
        awaitCaughtUp();
        assertThat(deadLetters("deal-views")).isZero();
        assertThat(api.get("/api/deals/" + dealId, manager).json().get("notes").get(0).get("text").asString())
                .isEqualTo("Tamper with me");
    }

    private void assertErasedEverywhere(String dealId, String partner, long events) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            Api.Response deal = api.get("/api/deals/" + dealId, program.tokens.partner(partner));
            assertThat(deal.status()).isEqualTo(200);
            assertThat(deal.json().get("customer").get("contactName").isNull()).isTrue();
            assertThat(deal.json().get("customer").get("contactEmail").isNull()).isTrue();
            assertThat(deal.json().get("note").isNull()).isTrue();
            assertThat(deal.json().get("personalDataErased").asBoolean()).isTrue();
            assertThat(deal.at("/customer/companyName")).isEqualTo(companyName);
            assertThat(deal.json().get("notes").get(0).get("text").asString()).isNotBlank();
        });
        Api.Response board = api.get("/api/deals?q=" + companyName.replace(' ', '+'), program.tokens.partner(partner));
        assertThat(board.body()).contains(dealId).doesNotContain(email).doesNotContain(contactName);

        List<JsonNode> history = awaitHistory(dealId);
        assertThat(history).hasSize((int) events);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).get("sequence").asLong()).isEqualTo(i);
            // Also in events recorded after the erasure: none may carry the email again, under a new key.
            assertThat(history.get(i).toString()).doesNotContainIgnoringCase(email);
        }
        JsonNode registered = history.get(0);
        assertThat(registered.get("eventType").asString()).isEqualTo("DealRegistered");
        assertThat(registered.get("personalDataErased").asBoolean()).isTrue();
        assertThat(registered.get("data").get("customer").get("contactEmail").isNull()).isTrue();
        assertThat(registered.get("data").get("domain").asString()).isNotBlank();
        assertThat(history.stream().map(entry -> entry.get("eventType").asString())).contains("DealContactErased");
        JsonNode erasure = history.stream().filter(e -> e.get("eventType").asString().equals("DealContactErased")).findFirst().orElseThrow();
        assertThat(erasure.get("actor").get("subject").asString()).isEqualTo("manager@vendor.example");
        assertThat(erasure.get("data").get("reason").asString()).isNotBlank();

        Api.Response asOf = api.get("/api/deals/" + dealId + "/state?asOf=" + Instant.now(), program.tokens.partner(partner));
        assertThat(asOf.json().get("customer").get("contactName").isNull()).isTrue();
        assertThat(asOf.json().get("personalDataErased").asBoolean()).isTrue();
        assertThat(api.get("/api/customers", program.tokens.partner(partner)).body()).doesNotContain(email).doesNotContain(contactName);
    }

    private String register(String partner) {
        Map<String, Object> deal = PartnerProgram.dealFor(email);
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) deal.get("customer");
        customer.put("contactName", contactName);
        customer.put("companyName", companyName);
        deal.put("note", "Met " + contactName + " at the webinar");
        Api.Response registered = api.post("/api/deals", program.tokens.partner(partner), deal);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.at("/dealId");
    }

    private void accept(String dealId) {
        assertThat(api.post("/api/deals/" + dealId + "/accept", manager, null).status()).isEqualTo(200);
    }

    private Api.Response asPartner(String partner, String path, Object body) {
        return api.post(path, program.tokens.partner(partner), body);
    }

    private List<JsonNode> awaitHistory(String dealId) {
        Api.Response history = api.get("/api/deals/" + dealId + "/history", manager);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        history.json().forEach(entries::add);
        return entries;
    }

    private void awaitCaughtUp() {
        program.awaitReadModelsCaughtUp(PATIENCE);
    }

    private long deadLetters(String projection) {
        for (JsonNode status : api.get("/api/admin/projections", manager).json()) {
            if (status.get("name").asString().equals(projection)) {
                return status.get("deadLetters").asLong();
            }
        }
        throw new AssertionError("No projection " + projection);
    }

    /** The whole database as text: pg_dump on PostgreSQL, SCRIPT on H2. */
    private String dump() throws IOException, InterruptedException {
        if (!databaseUrl.startsWith("jdbc:postgresql:")) {
            return String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
        }
        Process pgDump = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "test")
                .redirectErrorStream(true).start();
        String dump = new String(pgDump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pgDump.waitFor()).as(dump.length() > 2000 ? dump.substring(0, 2000) : dump).isZero();
        assertThat(dump).contains("domain_event_entry");
        return dump;
    }

    /** How a text stored as bytes (bytea, VARBINARY) shows in a dump. */
    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
