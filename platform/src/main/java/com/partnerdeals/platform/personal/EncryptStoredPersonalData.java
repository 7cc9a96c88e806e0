package com.partnerdeals.platform.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.personal.PersonalData;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration 16, the one place that rewrites stored events (SPEC 11): encrypts the personal data of events stored in
 * clear before encryption existed, in the event store, snapshots and dead letters, and records which deals hold
 * which contact (by keyed hash) so that those contacts can be erased. It runs in Flyway's transaction on start, so
 * it either completes or leaves the store as it was; it skips values already encrypted, so running it again is
 * harmless. Risks and the backup to take first: README, "Personal data".
 */
@Component
public class EncryptStoredPersonalData implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(EncryptStoredPersonalData.class);
    private static final int PAGE = 500;
    /** Each table that holds serialized events, with a unique column to page by. */
    private static final Map<String, String> EVENT_TABLES = Map.of(
            "domain_event_entry", "event_identifier",
            "snapshot_event_entry", "event_identifier",
            "dead_letter_entry", "dead_letter_id");

    private final PortalProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    public EncryptStoredPersonalData(PortalProperties properties) {
        this.properties = properties;
    }

    @Override
    public void migrate(Context context) throws Exception {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        PersonalDataKeys keys = new PersonalDataKeys(jdbc, PersonalDataConfiguration.masterKey(properties), List.of(),
                Clock.systemUTC());
        PersonalDataCipher cipher = new PersonalDataCipher(keys);
        int encrypted = 0;
        for (Map.Entry<String, String> table : EVENT_TABLES.entrySet()) {
            for (String payloadType : jdbc.sql("SELECT DISTINCT payload_type FROM " + table.getKey()).query(String.class).list()) {
                Class<?> type = classOf(payloadType);
                if (type != null && PersonalDataFields.holdPersonalData(type)) {
                    encrypted += encrypt(jdbc, keys, cipher, table.getKey(), table.getValue(), payloadType, type);
                }
            }
        }
        log.info("Encrypted the personal data of {} stored events", encrypted);
    }

    private int encrypt(JdbcClient jdbc, PersonalDataKeys keys, PersonalDataCipher cipher, String table, String idColumn,
                        String payloadType, Class<?> type) throws Exception {
        int encrypted = 0;
        String after = "";
        while (true) {
            List<Map<String, Object>> rows = jdbc.sql("SELECT " + idColumn + " AS id, payload FROM " + table
                            + " WHERE payload_type = ? AND " + idColumn + " > ? ORDER BY " + idColumn + " LIMIT " + PAGE)
                    .params(payloadType, after)
                    .query().listOfRows();
            if (rows.isEmpty()) {
                return encrypted;
            }
            for (Map<String, Object> row : rows) {
                String id = String.valueOf(row.get("id"));
                JsonNode event = json.readTree((byte[]) row.get("payload"));
                if (cipher.holdsClearText(event, type)) {
                    if (table.equals("domain_event_entry") && type == DealRegistered.class) {
                        recordContact(jdbc, keys, event);
                    }
                    cipher.encrypt(event, type);
                    jdbc.sql("UPDATE " + table + " SET payload = ? WHERE " + idColumn + " = ?")
                            .params(json.writeValueAsBytes(event), id)
                            .update();
                    encrypted++;
                }
                after = id;
            }
        }
    }

    /** What the command side's deal_contact lookup holds for deals registered from now on. */
    private static void recordContact(JdbcClient jdbc, PersonalDataKeys keys, JsonNode registered) {
        String dealId = registered.path("dealId").asText();
        String hash = keys.subjectHash(PersonalData.Subject.CONTACT, registered.path("customer").path("contactEmail").asText());
        if (jdbc.sql("SELECT COUNT(*) FROM deal_contact WHERE deal_id = ?").param(dealId).query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO deal_contact (deal_id, contact_hash, erased) VALUES (?, ?, FALSE)").params(dealId, hash).update();
        }
    }

    private static Class<?> classOf(String payloadType) {
        try {
            return Class.forName(payloadType);
        } catch (ClassNotFoundException | LinkageError unknown) {
            return null;
        }
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("16");
    }

    @Override
    public String getDescription() {
        return "encrypt personal data of stored events";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
