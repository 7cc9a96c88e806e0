package com.partnerdeals.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.personal.PersonalData;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.testing.InMemoryDatabase;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SPEC 11: a store written in clear before encryption existed is encrypted in place by migration 16, which also
 * records which deals hold which contact, so that the old registrations can be erased like new ones.
 */
class EncryptStoredPersonalDataTest {

    static final DealRegistered REGISTERED = PersonalDataSerializerTest.REGISTERED;
    static final DealNoteAdded NOTE = new DealNoteAdded("deal-1", "n-1", "consultant@nordic-grc.example", "Anna prefers mornings");
    static final DealStageChanged MOVED = new DealStageChanged("deal-1", DealStage.NEW, DealStage.TRIAL);

    @Test
    void eventsStoredInClearAreEncryptedInPlaceAndReadBackAsTheyWere() {
        DataSource database = InMemoryDatabase.empty();
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("15").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        JacksonSerializer clear = JacksonSerializer.builder().build();
        List<Object> events = List.of(REGISTERED, NOTE, MOVED);
        for (int i = 0; i < events.size(); i++) {
            SerializedObject<byte[]> payload = clear.serialize(events.get(i), byte[].class);
            jdbc.sql("""
                            INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                time_stamp, payload_type, payload_revision, payload)
                            VALUES (?, 'deal-1', ?, 'Deal', '2026-01-01T00:00:00Z', ?, ?, ?)""")
                    .params(UUID.randomUUID().toString(), i, payload.getType().getName(), payload.getType().getRevision(),
                            payload.getData())
                    .update();
        }
        assertThat(dump(jdbc)).containsIgnoringCase(hex("Anna.Virtanen@ACME.fi")).containsIgnoringCase(hex("prefers mornings"));

        PortalProperties properties = new PortalProperties(null, null, null, null, null, null,
                new PortalProperties.PersonalData(PersonalDataSerializerTest.MASTER, null), null);
        Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .javaMigrations(new EncryptStoredPersonalData(properties)).load().migrate();

        assertThat(dump(jdbc)).doesNotContainIgnoringCase(hex("Anna.Virtanen@ACME.fi")).doesNotContainIgnoringCase(hex("Anna Virtanen"))
                .doesNotContainIgnoringCase(hex("prefers mornings")).doesNotContainIgnoringCase("anna");
        PersonalDataKeys keys = new PersonalDataKeys(jdbc, PersonalDataConfiguration.masterKey(properties), List.of(),
                Clock.systemUTC());
        PersonalDataSerializer serializer = new PersonalDataSerializer(clear, new PersonalDataCipher(keys));
        List<Object> read = jdbc.sql("SELECT payload_type, payload_revision, payload FROM domain_event_entry ORDER BY sequence_number")
                .query((rs, row) -> serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(3), byte[].class,
                        rs.getString(1), rs.getString(2))))
                .list();
        assertThat(read).containsExactlyElementsOf(events);
        assertThat(jdbc.sql("SELECT contact_hash FROM deal_contact WHERE deal_id = 'deal-1'").query(String.class).single())
                .isEqualTo(keys.subjectHash(PersonalData.Subject.CONTACT, "anna.virtanen@acme.fi"));
    }

    /** Payloads are bytes: a dump shows them in hexadecimal. */
    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String dump(JdbcClient jdbc) {
        return String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
    }
}
