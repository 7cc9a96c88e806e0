package com.partnerdeals.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.personal.EncryptStoredPersonalData;
import com.partnerdeals.platform.testing.InMemoryDatabase;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.PortalSettings;
import com.partnerdeals.platform.testing.PostgresAvailable;
import com.partnerdeals.platform.testing.PostgresSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SPEC 12, migration 17: a store whose lookup tables and read models were written with the full domain of the
 * contact email (as every version before this one wrote them) is re-keyed by registrable domain. Runs on H2 and,
 * with {@code -Dtest.database=postgres}, on a schema of the local PostgreSQL.
 */
class RekeyCustomerDomainsTest {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    static final Instant PROTECTED = NOW.plus(Duration.ofDays(30));
    static final Instant LAPSED = NOW.minus(Duration.ofDays(1));
    private static final PortalProperties PROPERTIES = PortalSettings.of("portal.personal-data.master-key",
            Base64.getEncoder().encodeToString("migration-test-master-key-012345".getBytes(StandardCharsets.UTF_8)));

    DataSource database;
    JdbcClient jdbc;

    @BeforeEach
    void storeWrittenByTheVersionBefore() {
        PostgresAvailable.assumeDatabase();
        database = PostgresSchema.POSTGRES ? PostgresSchema.dataSource("migration") : InMemoryDatabase.empty();
        Flyway before = flyway(new EncryptStoredPersonalData(PROPERTIES)).target("16").load();
        before.clean();
        before.migrate();
        jdbc = JdbcClient.create(database);
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway(JavaMigration... migrations) {
        var configuration = Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .cleanDisabled(false).javaMigrations(migrations);
        return PostgresSchema.POSTGRES ? configuration.schemas(PostgresSchema.name("migration")) : configuration;
    }

    /** Up to migration 17 only: later ones may rebuild a read model this test looks at. */
    private void migrateTo17() {
        flyway(new EncryptStoredPersonalData(PROPERTIES), new RekeyCustomerDomains(new MutableClock(NOW))).target("17")
                .load().migrate();
    }

    // The rows as the command side's lookups and the projections wrote them: the full, lower-cased domain.

    /** A deal's registration in the event store; the order of these calls is the order of registration. */
    void registered(String dealId, String partnerId, String domain) {
        String payload = """
                {"dealId":"%s","partnerId":"%s","customer":{"companyName":"Acme","contactName":"Anna",
                 "contactEmail":"anna@%s","country":"GB"},"domain":"%s","estimatedUsers":null,"note":null,"flags":[]}"""
                .formatted(dealId, partnerId, domain, domain);
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, 0, 'Deal', '2026-01-01T00:00:00Z', ?, '2', ?, ?)""")
                .params(UUID.randomUUID().toString(), dealId, DealRegistered.class.getName(),
                        payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))
                .update();
    }

    /** An open deal holding its partner's claim on the domain, as DealDomainClaims writes it. */
    void openClaim(String dealId, String partnerId, String domain, Instant protectedUntil) {
        registered(dealId, partnerId, domain);
        claim(dealId, partnerId, domain, partnerId + " " + domain, true, false, protectedUntil);
    }

    void claim(String dealId, String partnerId, String domain, String openClaim, boolean open, boolean won,
               Instant protectedUntil) {
        jdbc.sql("""
                        INSERT INTO deal_domain_claim (deal_id, partner_id, domain, open_claim, is_open, won, protected_until)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(dealId, partnerId, domain, openClaim, open, won,
                        protectedUntil != null ? protectedUntil.atOffset(ZoneOffset.UTC) : null)
                .update();
    }

    void dealView(String dealId, String partnerId, String domain) {
        jdbc.sql("""
                        INSERT INTO deal_view (deal_id, partner_id, company_name, contact_name, contact_email, country,
                            domain, flags, stage, review_status, registered_at, last_partner_action_at, version)
                        VALUES (?, ?, 'Acme', 'Anna', ?, 'GB', ?, '', 'NEW', 'PENDING', ?, ?, 0)""")
                .params(dealId, partnerId, "anna@" + domain, domain, NOW.atOffset(ZoneOffset.UTC), NOW.atOffset(ZoneOffset.UTC))
                .update();
    }

    void customerAccount(String customerId, String domain, String status) {
        jdbc.sql("INSERT INTO customer_account_directory (customer_id, domain, status, deal_id, partner_id, trial_ends_at) "
                        + "VALUES (?, ?, ?, ?, 'nordic-grc', ?)")
                .params(customerId, domain, status, "deal-of-" + customerId, PROTECTED.atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("""
                        INSERT INTO customer_overview (customer_id, partner_id, deal_id, company_name, company_name_key,
                            domain, status, started_at, trial_ends_at, extension_requested, activities_in_window)
                        VALUES (?, 'nordic-grc', ?, 'Acme', 'acme', ?, ?, ?, ?, FALSE, 0)""")
                .params(customerId, "deal-of-" + customerId, domain, status, NOW.atOffset(ZoneOffset.UTC),
                        PROTECTED.atOffset(ZoneOffset.UTC))
                .update();
    }

    Map<String, Object> claimOf(String dealId) {
        return jdbc.sql("SELECT domain, open_claim, is_open, won FROM deal_domain_claim WHERE deal_id = ?")
                .param(dealId).query().singleRow();
    }

    String column(String table, String idColumn, String id) {
        return jdbc.sql("SELECT domain FROM " + table + " WHERE " + idColumn + " = ?").param(id).query(String.class).single();
    }

    @Test
    void everyLookupAndReadModelIsKeyedByRegistrableDomain() {
        openClaim("deal-sales", "nordic-grc", "sales.acme.co.uk", PROTECTED);
        openClaim("deal-plain", "nordic-grc", "acme.com", PROTECTED);
        openClaim("deal-other-partner", "baltic-sec", "eu.acme.co.uk", PROTECTED);
        registered("deal-won", "baltic-sec", "shop.bücher.de");
        claim("deal-won", "baltic-sec", "shop.bücher.de", null, false, true, null);
        registered("deal-lost", "nordic-grc", "old.initech.de");
        claim("deal-lost", "nordic-grc", "old.initech.de", null, false, false, PROTECTED);
        dealView("deal-sales", "nordic-grc", "sales.acme.co.uk");
        dealView("deal-plain", "nordic-grc", "acme.com");
        dealView("deal-won", "baltic-sec", "shop.bücher.de");
        customerAccount("c-subscribed", "sales.acme.co.uk", "ACTIVE");
        customerAccount("c-trial", "a.b.github.io", "TRIAL");

        migrateTo17();

        assertThat(claimOf("deal-sales")).containsEntry("domain", "acme.co.uk").containsEntry("open_claim", "nordic-grc acme.co.uk");
        assertThat(claimOf("deal-plain")).containsEntry("domain", "acme.com").containsEntry("open_claim", "nordic-grc acme.com");
        assertThat(claimOf("deal-other-partner")).containsEntry("domain", "acme.co.uk")
                .containsEntry("open_claim", "baltic-sec acme.co.uk");
        assertThat(claimOf("deal-won")).containsEntry("domain", "xn--bcher-kva.de").containsEntry("open_claim", null)
                .containsEntry("won", true);
        assertThat(claimOf("deal-lost")).containsEntry("domain", "initech.de").containsEntry("open_claim", null)
                .containsEntry("is_open", false);
        assertThat(column("deal_view", "deal_id", "deal-sales")).isEqualTo("acme.co.uk");
        assertThat(column("deal_view", "deal_id", "deal-plain")).isEqualTo("acme.com");
        assertThat(column("deal_view", "deal_id", "deal-won")).isEqualTo("xn--bcher-kva.de");
        assertThat(column("customer_account_directory", "customer_id", "c-subscribed")).isEqualTo("acme.co.uk");
        assertThat(column("customer_account_directory", "customer_id", "c-trial")).isEqualTo("b.github.io");
        assertThat(column("customer_overview", "customer_id", "c-subscribed")).isEqualTo("acme.co.uk");
        assertThat(column("customer_overview", "customer_id", "c-trial")).isEqualTo("b.github.io");
    }

    @Test
    void ofTwoOpenClaimsThatNowShareADomainTheEarliestRegisteredKeepsIt() {
        // Registered in this order; the ids sort the other way, so the store's order decides.
        openClaim("deal-b-first", "nordic-grc", "sales.acme.co.uk", PROTECTED);
        openClaim("deal-a-second", "nordic-grc", "acme.co.uk", PROTECTED);
        openClaim("deal-d-first", "nordic-grc", "eu.globex.com", PROTECTED);
        openClaim("deal-c-second", "nordic-grc", "us.globex.com", PROTECTED);

        migrateTo17();

        assertThat(claimOf("deal-b-first")).containsEntry("domain", "acme.co.uk").containsEntry("open_claim", "nordic-grc acme.co.uk");
        assertThat(claimOf("deal-a-second")).containsEntry("domain", "acme.co.uk").containsEntry("open_claim", null)
                .containsEntry("is_open", true);
        assertThat(claimOf("deal-d-first")).containsEntry("domain", "globex.com").containsEntry("open_claim", "nordic-grc globex.com");
        assertThat(claimOf("deal-c-second")).containsEntry("domain", "globex.com").containsEntry("open_claim", null)
                .containsEntry("is_open", true);
    }

    @Test
    void aLapsedClaimGivesWayToOneThatStillProtects() {
        openClaim("deal-lapsed", "nordic-grc", "initech.de", LAPSED);
        openClaim("deal-protecting", "nordic-grc", "mail.initech.de", PROTECTED);

        migrateTo17();

        assertThat(claimOf("deal-protecting")).containsEntry("open_claim", "nordic-grc initech.de");
        assertThat(claimOf("deal-lapsed")).containsEntry("open_claim", null).containsEntry("is_open", true);
    }

    @Test
    void runningItAgainChangesNothing() throws Exception {
        openClaim("deal-b-first", "nordic-grc", "sales.acme.co.uk", PROTECTED);
        openClaim("deal-a-second", "nordic-grc", "acme.co.uk", PROTECTED);
        dealView("deal-b-first", "nordic-grc", "sales.acme.co.uk");
        migrateTo17();
        List<Map<String, Object>> claims = jdbc.sql("SELECT * FROM deal_domain_claim ORDER BY deal_id").query().listOfRows();

        try (Connection connection = database.getConnection()) {
            new RekeyCustomerDomains(new MutableClock(NOW)).migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
        }

        assertThat(jdbc.sql("SELECT * FROM deal_domain_claim ORDER BY deal_id").query().listOfRows()).isEqualTo(claims);
        assertThat(column("deal_view", "deal_id", "deal-b-first")).isEqualTo("acme.co.uk");
    }
}
