package com.partnerdeals.app.projections;

import static com.partnerdeals.app.PartnerProgram.dealFor;
import static com.partnerdeals.app.PartnerProgram.newCustomerDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.query.ProjectionConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Operating the read models: their status, a replay from the first event, dead letters and their retry. */
@ServiceTest
class ProjectionAdminHttpTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    PartnerProgram program;
    Api api;
    String manager;
    String partner;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        manager = program.tokens.manager();
        partner = program.newPartner();
    }

    @Test
    void theStatusShowsEachProjectionsPositionHeadAndLag() {
        String dealId = program.newAcceptedDeal(partner);
        awaitVisible(dealId);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode dealViews = status("deal-views");
            assertThat(dealViews.get("lag").asLong()).isZero();
            assertThat(dealViews.get("position").asLong()).isEqualTo(dealViews.get("head").asLong());
            assertThat(dealViews.get("segments").asInt()).isPositive();
            assertThat(dealViews.get("replaying").asBoolean()).isFalse();
        });
        assertThat(api.get("/api/admin/projections", program.tokens.partner(partner)).status()).isEqualTo(403);
    }

    /** One process runs every projection: one segment each, one transaction per read model for each batch. */
    @Test
    void theAllInOneServiceRunsEachProjectionInOneSegment() {
        program.newAcceptedDeal(partner);
        for (String projection : ProjectionConfiguration.PROJECTIONS) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql(
                            "SELECT COUNT(*) FROM token_entry WHERE processor_name = ?")
                    .param(projection).query(Integer.class).single()).as(projection).isOne());
            assertThat(status(projection).get("segments").asInt()).as(projection).isOne();
        }
    }

    @Test
    void aReplayRebuildsTheReadModelExactlyAsItWasBuiltLive() {
        for (int i = 0; i < 5; i++) {
            String dealId = program.newAcceptedDeal(partner);
            api.post("/api/deals/" + dealId + "/notes", program.tokens.partner(partner), Map.of("text", "note " + i));
            api.post("/api/deals/" + dealId + "/close-won", program.tokens.partner(partner), Map.of(
                    "billingOption", "PARTNER_BILLING", "annualValue", Map.of("amount", "1200.50", "currency", "SEK")));
            awaitVisible(dealId);
        }
        await().atMost(PATIENCE).until(() -> status("deal-views").get("lag").asLong() == 0);
        List<Map<String, Object>> live = dealRows();
        List<Map<String, Object>> liveNotes = noteRows();
        List<String> liveIndexes = indexes();

        Api.Response replay = api.post("/api/admin/projections/deal-views/replay", manager, null);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode status = status("deal-views");
            assertThat(status.get("replaying").asBoolean()).isFalse();
            assertThat(status.get("lag").asLong()).isZero();
            assertThat(dealRows()).isEqualTo(live);
        });
        assertThat(noteRows()).isEqualTo(liveNotes);
        assertThat(indexes()).as("the rebuilt tables' indexes and constraints").isEqualTo(liveIndexes);
        assertThat(api.post("/api/admin/projections/no-such-projection/replay", manager, null).status()).isEqualTo(404);
    }

    /**
     * SPEC 7: queries keep answering during a replay. They answer from the complete read model until the rebuilt
     * one replaces it (never from a half-built one), and what is stored while it runs is in the result.
     */
    @Test
    void queriesSeeACompleteReadModelThroughoutAReplayAndEventsStoredMeanwhileAreKept() throws Exception {
        for (int i = 0; i < 10; i++) {
            program.newAcceptedDeal(partner);
        }
        await().atMost(PATIENCE).until(() -> status("deal-views").get("lag").asLong() == 0);
        long before = dealsOnBoard();
        AtomicLong fewestSeen = new AtomicLong(before);
        AtomicBoolean replayed = new AtomicBoolean();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<?> reading = reader.submit(() -> {
                while (!replayed.get()) {
                    fewestSeen.accumulateAndGet(dealsOnBoard(), Math::min);
                }
            });
            assertThat(api.post("/api/admin/projections/deal-views/replay", manager, null).status()).isEqualTo(202);
            List<String> registeredMeanwhile = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                registeredMeanwhile.add(program.newDeal(partner));
            }
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode status = status("deal-views");
                assertThat(status.get("replaying").asBoolean()).isFalse();
                assertThat(status.get("lag").asLong()).isZero();
            });
            replayed.set(true);
            reading.get();
            assertThat(fewestSeen.get()).as("deals on the board at any moment of the replay").isGreaterThanOrEqualTo(before);
            registeredMeanwhile.forEach(this::awaitVisible);
            assertThat(dealsOnBoard()).isEqualTo(before + registeredMeanwhile.size());
            assertThat(status("deal-views").get("deadLetters").asLong()).isZero();
        } finally {
            replayed.set(true);
            reader.shutdownNow();
        }
    }

    @Test
    void anEventAProjectionFailsOnIsParkedAndRetriedOnceTheCauseIsFixed() {
        jdbc.sql("ALTER TABLE deal_view ADD CONSTRAINT test_blocked_company CHECK (company_name <> 'Blocked Oy')").update();
        String blocked;
        try {
            Map<String, Object> deal = dealFor("anna@" + newCustomerDomain());
            ((Map<String, Object>) deal.get("customer")).put("companyName", "Blocked Oy");
            blocked = api.post("/api/deals", program.tokens.partner(partner), deal).at("/dealId");
            String fine = program.newDeal(partner);
            awaitVisible(fine); // the projection went on past the bad event
            await().atMost(PATIENCE).until(() -> status("deal-views").get("deadLetters").asLong() == 1);
            assertThat(api.get("/api/deals/" + blocked, manager).status()).isEqualTo(404);
        } finally {
            jdbc.sql("ALTER TABLE deal_view DROP CONSTRAINT test_blocked_company").update();
        }

        Api.Response retried = api.post("/api/admin/projections/deal-views/dead-letters/retry", manager, null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.at("/retried")).isEqualTo("1");
        assertThat(retried.at("/stillDead")).isEqualTo("0");
        awaitVisible(blocked);
        assertThat(status("deal-views").get("deadLetters").asLong()).isZero();
    }

    /**
     * A note event the read model cannot store is parked; a replay must still rebuild the deal (SPEC 9: one bad
     * event never takes a whole deal out of a rebuilt read model), and park that note again.
     */
    @Test
    void aReplayRebuildsADealWhoseLaterEventIsParked() {
        String dealId = program.newDeal(partner);
        api.post("/api/deals/" + dealId + "/notes", program.tokens.partner(partner), Map.of("text", "A fine note"));
        awaitVisible(dealId);
        jdbc.sql("ALTER TABLE deal_view_note ADD CONSTRAINT test_blocked_note CHECK (note_text <> 'Blocked note')").update();
        try {
            long parkedBefore = status("deal-views").get("deadLetters").asLong();
            api.post("/api/deals/" + dealId + "/notes", program.tokens.partner(partner), Map.of("text", "Blocked note"));
            await().atMost(PATIENCE).until(() -> status("deal-views").get("deadLetters").asLong() == parkedBefore + 1);

            assertThat(api.post("/api/admin/projections/deal-views/replay", manager, null).status()).isEqualTo(202);
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode status = status("deal-views");
                assertThat(status.get("replaying").asBoolean()).isFalse();
                assertThat(status.get("lag").asLong()).isZero();
            });
            Api.Response deal = api.get("/api/deals/" + dealId, manager);
            assertThat(deal.status()).as(deal.toString()).isEqualTo(200);
            assertThat(deal.json().get("notes")).hasSize(1);
            assertThat(status("deal-views").get("deadLetters").asLong()).isEqualTo(1);
        } finally {
            jdbc.sql("ALTER TABLE deal_view_note DROP CONSTRAINT test_blocked_note").update();
        }
        api.post("/api/admin/projections/deal-views/dead-letters/retry", manager, null);
        await().atMost(PATIENCE).until(() -> api.get("/api/deals/" + dealId, manager).json().get("notes").size() == 2);
    }

    /**
     * SPEC 9 for the bulk rebuild: while it runs, another replay of deal-views is refused. The test holds the
     * processor's token rows, which the rebuild's switch must write, so it is still running when asked again.
     */
    @Test
    void aSecondReplayWhileTheRebuildRunsIsRefused() {
        program.newDeal(partner);
        new TransactionTemplate(transactions).executeWithoutResult(holdingTheTokens -> {
            jdbc.sql("SELECT segment FROM token_entry WHERE processor_name = 'deal-views' FOR UPDATE").query().listOfRows();
            assertThat(api.post("/api/admin/projections/deal-views/replay", manager, null).status()).isEqualTo(202);
            Api.Response second = api.post("/api/admin/projections/deal-views/replay", manager, null);
            assertThat(second.status()).as(second.toString()).isEqualTo(409);
            assertThat(second.code()).isEqualTo("REPLAY_IN_PROGRESS");
            assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode status = status("deal-views");
            assertThat(status.get("replaying").asBoolean()).isFalse();
            assertThat(status.get("lag").asLong()).isZero();
        });
    }

    /** SPEC 9: one replay of a read model at a time; the others are told so, none fails. */
    @Test
    void concurrentReplaysOfOneReadModelLetOneThroughAndRefuseTheOthers() throws Exception {
        program.newDeal(partner);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> replays = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                replays.add(pool.submit(() -> api.post("/api/admin/projections/partner-views/replay", manager, null)));
            }
            int started = 0;
            for (Future<Api.Response> replay : replays) {
                Api.Response response = replay.get();
                assertThat(response.status()).as(response.toString()).isIn(202, 409);
                if (response.status() == 202) {
                    started++;
                } else {
                    assertThat(response.code()).isEqualTo("REPLAY_IN_PROGRESS");
                }
            }
            assertThat(started).isPositive();
        } finally {
            pool.shutdownNow();
        }
        await().atMost(PATIENCE).until(() -> !status("partner-views").get("replaying").asBoolean()
                && status("partner-views").get("lag").asLong() == 0);
    }

    private void awaitVisible(String dealId) {
        await().atMost(PATIENCE).until(() -> api.get("/api/deals/" + dealId, manager).status() == 200);
    }

    private JsonNode status(String name) {
        Api.Response response = api.get("/api/admin/projections", manager);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode projection : response.json()) {
            if (projection.get("name").asString().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("No projection " + name + " in " + response.body());
    }

    private long dealsOnBoard() {
        return Long.parseLong(api.get("/api/deals?size=1", manager).at("/totalItems"));
    }

    private List<Map<String, Object>> dealRows() {
        return jdbc.sql("SELECT * FROM deal_view ORDER BY deal_id").query().listOfRows();
    }

    private List<Map<String, Object>> noteRows() {
        return jdbc.sql("SELECT * FROM deal_view_note ORDER BY deal_id, note_id").query().listOfRows();
    }

    /** The deal views' indexes with their definitions (constraints' included), on either database. */
    private List<String> indexes() {
        if ("postgres".equals(System.getProperty("test.database"))) {
            return jdbc.sql("""
                    SELECT indexname || ': ' || indexdef FROM pg_indexes
                    WHERE schemaname = current_schema() AND tablename IN ('deal_view', 'deal_view_note')
                    ORDER BY indexname""").query(String.class).list();
        }
        return jdbc.sql("""
                SELECT index_name || ': ' || table_name FROM information_schema.indexes
                WHERE LOWER(table_name) IN ('deal_view', 'deal_view_note') ORDER BY index_name""").query(String.class).list();
    }
}
