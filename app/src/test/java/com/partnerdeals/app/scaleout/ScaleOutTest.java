package com.partnerdeals.app.scaleout;

import static com.partnerdeals.app.PartnerProgram.dealFor;
import static com.partnerdeals.app.PartnerProgram.newCustomerDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Scale-out on one PostgreSQL: two command-side and two query-side processes, on loopback. Commands spread
 * over both command nodes (also for the same deal, also racing for the same customer) lose nothing and
 * break no rule; the query nodes share the projection work; when one query node is killed the other takes
 * over and the read models converge to exactly what the event store says.
 *
 * <p>Runs in the PostgreSQL pass of the suite; it needs the executable jars that {@code mvn verify} builds
 * in the command-side and query-side modules before this module's tests.
 */
@EnabledIfSystemProperty(named = "test.database", matches = "postgres")
class ScaleOutTest {

    private static final String SCHEMA = System.getProperty("test.schema", "partner_deals_test") + "_scale_out";
    private static final String JDBC_URL = "jdbc:postgresql://localhost:5432/test?currentSchema=" + SCHEMA;
    private static final Duration CONVERGENCE = Duration.ofSeconds(90);

    private static final List<ServiceNode> nodes = new ArrayList<>();
    private static ServiceNode command1;
    private static ServiceNode command2;
    private static ServiceNode query1;
    private static ServiceNode query2;

    private final Tokens tokens = new Tokens();
    private final ExecutorService clients = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void startNodes() throws Exception {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            sql.execute("CREATE SCHEMA " + SCHEMA);
        }
        // The first node migrates the schema alone; the others then start side by side.
        command1 = started(ServiceNode.start("command-side", "command-1", SCHEMA));
        command2 = ServiceNode.start("command-side", "command-2", SCHEMA);
        query1 = ServiceNode.start("query-side", "query-1", SCHEMA);
        query2 = ServiceNode.start("query-side", "query-2", SCHEMA);
        nodes.addAll(List.of(command1, command2, query1, query2));
        for (ServiceNode node : List.of(command2, query1, query2)) {
            node.awaitHealthy(Duration.ofMinutes(3));
        }
    }

    private static ServiceNode started(ServiceNode node) {
        nodes.add(node);
        node.awaitHealthy(Duration.ofMinutes(3));
        return node;
    }

    @AfterAll
    static void stopNodes() {
        nodes.forEach(ServiceNode::stop);
    }

    @Test
    void commandsOnTwoNodesLoseNothingAndTheQueryNodesShareAndTakeOverTheProjections() throws Exception {
        String partner = PartnerProgram.unique("partner");
        Api.Response registered = command1.api.post("/api/partners", tokens.manager(), Map.of(
                "partnerId", partner, "name", "Scale Partner", "domains", List.of(partner + ".example")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        // Deals registered over both command nodes, then notes on every deal from both nodes at once.
        List<String> deals = inParallel(20, i -> node(i).api.post("/api/deals", tokens.partner(partner),
                dealFor("buyer@" + newCustomerDomain()))).stream().map(r -> {
                    assertThat(r.status()).as(r.toString()).isEqualTo(201);
                    return r.at("/dealId");
                }).toList();
        Map<String, Integer> notesPerDeal = new ConcurrentHashMap<>();
        addNotesFromBothNodes(partner, deals, 6, notesPerDeal);

        // Two registrations of one customer by one partner racing on different nodes: exactly one wins.
        for (int round = 0; round < 5; round++) {
            String email = "race@" + newCustomerDomain();
            List<Api.Response> race = inParallel(2, i -> node(i).api.post("/api/deals", tokens.partner(partner), dealFor(email)));
            assertThat(race).as(race.toString()).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(race).filteredOn(r -> r.status() == 409).hasSize(1);
        }

        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(owners("deal-views"))
                .as("segments of deal-views are processed by both query nodes")
                .containsExactlyInAnyOrder(query1.pid(), query2.pid()));
        assertReadModelsEqualTheEventStore(query2, deals, notesPerDeal);
        assertThat(notifications(command1, "sent")).as("the command node's NOTIFYs after its commits").isPositive();
        assertThat(notifications(query2, "received")).as("the query node told of other processes' events").isPositive();

        query1.kill();
        addNotesFromBothNodes(partner, deals, 2, notesPerDeal);

        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(owners("deal-views"))
                .as("the surviving query node holds every segment").containsOnly(query2.pid()));
        assertReadModelsEqualTheEventStore(query2, deals, notesPerDeal);
    }

    private void addNotesFromBothNodes(String partner, List<String> deals, int notesEach, Map<String, Integer> notesPerDeal) {
        List<Api.Response> notes = inParallel(deals.size() * notesEach, i -> {
            String dealId = deals.get(i % deals.size());
            return node(i / deals.size()).api.post("/api/deals/" + dealId + "/notes", tokens.partner(partner),
                    Map.of("text", "note " + i + " on " + dealId));
        });
        assertThat(notes).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        deals.forEach(dealId -> notesPerDeal.merge(dealId, notesEach, Integer::sum));
    }

    /** Every deal's view on the query node has exactly the event store's version and all its notes. */
    private void assertReadModelsEqualTheEventStore(ServiceNode queryNode, List<String> deals,
                                                    Map<String, Integer> notesPerDeal) throws SQLException {
        Map<String, Long> storeVersions = lastSequenceNumbers();
        for (String dealId : deals) {
            assertThat(storeVersions.get(dealId)).isEqualTo(notesPerDeal.get(dealId).longValue());
        }
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            for (String dealId : deals) {
                Api.Response view = queryNode.api.get("/api/deals/" + dealId, tokens.manager());
                assertThat(view.status()).as(view.toString()).isEqualTo(200);
                assertThat(Long.parseLong(view.at("/version"))).as(dealId).isEqualTo(storeVersions.get(dealId));
                assertThat(view.json().get("notes").size()).as(dealId).isEqualTo(notesPerDeal.get(dealId));
            }
        });
    }

    /** The node's count of notifications of new events between processes (PostgreSQL NOTIFY), one way. */
    private double notifications(ServiceNode node, String direction) {
        Api.Response metric = node.api.get("/actuator/metrics/portal.events.notifications?tag=direction:" + direction,
                tokens.manager());
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return metric.json().get("measurements").get(0).get("value").asDouble();
    }

    private ServiceNode node(int i) {
        return i % 2 == 0 ? command1 : command2;
    }

    private <T> List<T> inParallel(int count, java.util.function.IntFunction<T> call) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<T>> futures = IntStream.range(0, count)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return call.apply(i);
                }, clients))
                .toList();
        start.countDown();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** The processes (by pid) that hold segments of a processor in the token store. */
    private static Set<Long> owners(String processor) throws SQLException {
        Set<Long> owners = new HashSet<>();
        try (Connection db = connect(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT owner FROM token_entry WHERE processor_name = '" + processor + "'")) {
            while (rows.next()) {
                String owner = rows.getString(1);
                if (owner != null) {
                    owners.add(Long.parseLong(owner.substring(0, owner.indexOf('@'))));
                }
            }
        }
        return owners;
    }

    private static Map<String, Long> lastSequenceNumbers() throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery(
                     "SELECT aggregate_identifier, MAX(sequence_number) FROM domain_event_entry GROUP BY aggregate_identifier")) {
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return versions;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(JDBC_URL, "postgres", "");
    }
}
