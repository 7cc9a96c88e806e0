package com.partnerdeals.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.NewsletterSubscriptionSubmitted;
import com.partnerdeals.api.personal.PersonalData;
import com.partnerdeals.platform.testing.InMemoryDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Crypto-shredding at the serializer (SPEC 11): what the event store would hold, and what it reads back. */
class PersonalDataSerializerTest {

    static final String MASTER = Base64.getEncoder().encodeToString("unit-test-master-key-0123456789a".getBytes(StandardCharsets.UTF_8));
    static final String OTHER_MASTER = Base64.getEncoder().encodeToString("another-master-key-0123456789abc".getBytes(StandardCharsets.UTF_8));

    static final DealRegistered REGISTERED = new DealRegistered("deal-1", "nordic-grc",
            new CustomerDetails("Acme Oy", "Anna Virtanen", "Anna.Virtanen@ACME.fi", "FI"), "acme.fi", 25,
            "Met Anna at the webinar", Set.of());

    DataSource database;
    JdbcClient jdbc;
    PersonalDataKeys keys;
    PersonalDataSerializer serializer;

    @BeforeEach
    void setUp() {
        database = InMemoryDatabase.migrated();
        jdbc = JdbcClient.create(database);
        keys = keys(MASTER, List.of());
        serializer = serializerWith(keys);
    }

    @Test
    void personalDataIsStoredEncryptedAndReadBackAsWritten() {
        SerializedObject<byte[]> stored = serializer.serialize(REGISTERED, byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);

        assertThat(json).doesNotContainIgnoringCase("anna").doesNotContain("webinar")
                .contains("Acme Oy").contains("acme.fi").contains("pd1.");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(REGISTERED);
        assertThat(PersonalDataFields.erasedIn(REGISTERED)).isEmpty();
    }

    @Test
    void eachValueHasItsOwnNonce() {
        String first = new String(serializer.serialize(REGISTERED, byte[].class).getData(), StandardCharsets.UTF_8);
        String second = new String(serializer.serialize(REGISTERED, byte[].class).getData(), StandardCharsets.UTF_8);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anEventWithoutPersonalDataIsWrittenAsJacksonWritesIt() {
        DealStageChanged moved = new DealStageChanged("deal-1", DealStage.NEW, DealStage.TRIAL);
        assertThat(serializer.serialize(moved, byte[].class).getData())
                .isEqualTo(plainJackson().serialize(moved, byte[].class).getData());
    }

    @Test
    void anErasedContactReadsBackAsNullWithEveryBusinessFieldKept() {
        SerializedObject<byte[]> stored = serializer.serialize(REGISTERED, byte[].class);
        keys.erase(keys.subjectHash(PersonalData.Subject.CONTACT, "anna.virtanen@acme.fi"));

        DealRegistered read = serializer.deserialize(stored);
        assertThat(read.customer()).isEqualTo(new CustomerDetails("Acme Oy", null, null, "FI"));
        assertThat(read.note()).isNull();
        assertThat(read.domain()).isEqualTo("acme.fi");
        assertThat(read.estimatedUsers()).isEqualTo(25);
        assertThat(PersonalDataFields.erasedIn(read)).containsExactly(PersonalData.Subject.CONTACT);
    }

    @Test
    void theSameEmailRegisteredAgainAfterAnErasureGetsANewKey() {
        SerializedObject<byte[]> before = serializer.serialize(REGISTERED, byte[].class);
        keys.erase(keys.subjectHash(PersonalData.Subject.CONTACT, "anna.virtanen@acme.fi"));
        SerializedObject<byte[]> after = serializer.serialize(REGISTERED, byte[].class);

        assertThat(((DealRegistered) serializer.deserialize(before)).customer().contactEmail()).isNull();
        assertThat(((DealRegistered) serializer.deserialize(after)).customer().contactEmail()).isEqualTo("Anna.Virtanen@ACME.fi");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM personal_data_key WHERE erased_at IS NOT NULL").query(Long.class).single())
                .as("the erased key stays as a tombstone").isEqualTo(1);
    }

    /** The aggregate itself reads an erased contact as null, and a later event of it carries null. */
    @Test
    void anEventWhosePersonalDataIsAlreadyGoneIsWrittenAsItIs() {
        NewsletterSubscriptionSubmitted afterErasure = new NewsletterSubscriptionSubmitted("deal-1", null);
        assertThat((Object) serializer.deserialize(serializer.serialize(afterErasure, byte[].class))).isEqualTo(afterErasure);
    }

    /** A replay reads keys ahead in key-id order (PersonalDataKeys.key), which must be the order they were issued in. */
    @Test
    void keyIdsStartWithTheirMillisecondInTwelveHexDigitsSoTheyRiseWithTime() throws InterruptedException {
        long before = System.currentTimeMillis();
        String first = keys.currentKey("subject-1").id();
        Thread.sleep(2);
        String second = keys.currentKey("subject-2").id();

        assertThat(first).matches("[0-9a-f]{12}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Long.parseLong(first.substring(0, 12), 16)).isBetween(before, System.currentTimeMillis());
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void eachNoteHasItsOwnKey() {
        DealNoteAdded first = new DealNoteAdded("deal-1", "n-1", "anna@nordicgrc.se", "Anna is on leave");
        DealNoteAdded second = new DealNoteAdded("deal-1", "n-2", "anna@nordicgrc.se", "Demo booked");
        SerializedObject<byte[]> firstStored = serializer.serialize(first, byte[].class);
        SerializedObject<byte[]> secondStored = serializer.serialize(second, byte[].class);

        keys.erase(keys.subjectHash(PersonalData.Subject.NOTE, "deal-1:n-1"));

        DealNoteAdded redacted = serializer.deserialize(firstStored);
        assertThat(redacted.text()).isNull();
        assertThat(redacted.author()).isEqualTo("anna@nordicgrc.se");
        assertThat(PersonalDataFields.erasedIn(redacted)).containsExactly(PersonalData.Subject.NOTE);
        assertThat((Object) serializer.deserialize(secondStored)).isEqualTo(second);
    }

    @Test
    void aCiphertextAlteredByOneByteIsDetectedNotDecryptedToGarbage() throws Exception {
        byte[] stored = serializer.serialize(REGISTERED, byte[].class).getData();
        ObjectMapper mapper = new ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(stored);
        String sealed = tree.path("customer").path("contactName").asText();
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("customer")).put("contactName", altered);

        SerializedObject<byte[]> tampered = new SimpleSerializedObject<>(mapper.writeValueAsBytes(tree), byte[].class,
                serializer.typeForClass(DealRegistered.class));
        assertThatThrownBy(() -> serializer.deserialize(tampered)).isInstanceOf(TamperedPersonalData.class);
    }

    @Test
    void anEventStoredBeforeEncryptionExistedReadsAsItWasStored() {
        SerializedObject<byte[]> clear = plainJackson().serialize(REGISTERED, byte[].class);
        assertThat((Object) serializer.deserialize(clear)).isEqualTo(REGISTERED);
    }

    @Test
    void theDatabaseHoldsNoEmailAndNoKeyThatOpensWithoutTheMasterKey() {
        serializer.serialize(REGISTERED, byte[].class);
        String dump = String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
        assertThat(dump).doesNotContainIgnoringCase("anna.virtanen").contains("personal_data_key")
                .doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex("Anna.Virtanen".getBytes(StandardCharsets.UTF_8)));
        String keyId = jdbc.sql("SELECT key_id FROM personal_data_key WHERE subject_hash <> 'subject-hash'")
                .query(String.class).single();
        assertThatThrownBy(() -> keys(OTHER_MASTER, List.of()).key(keyId))
                .as("a key opens only with the master key that wrapped it")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rotatingTheMasterKeyRewrapsEveryKeyAndKeepsEverythingReadable() {
        SerializedObject<byte[]> stored = serializer.serialize(REGISTERED, byte[].class);

        PersonalDataKeys rotated = keys(OTHER_MASTER, List.of(MASTER));
        assertThat(rotated.rewrapUnderCurrentMasterKey()).isEqualTo(2); // the contact's key and the hash key
        PersonalDataKeys withNewMasterOnly = keys(OTHER_MASTER, List.of());

        assertThat((Object) serializerWith(withNewMasterOnly).deserialize(stored)).isEqualTo(REGISTERED);
        assertThat(withNewMasterOnly.subjectHash(PersonalData.Subject.CONTACT, "anna.virtanen@acme.fi"))
                .isEqualTo(keys.subjectHash(PersonalData.Subject.CONTACT, "Anna.Virtanen@ACME.fi"));
    }

    private PersonalDataKeys keys(String master, List<String> previous) {
        return new PersonalDataKeys(jdbc, MasterKey.fromBase64("master", master),
                previous.stream().map(key -> MasterKey.fromBase64("previous", key)).toList(), Clock.systemUTC());
    }

    private static PersonalDataSerializer serializerWith(PersonalDataKeys keys) {
        return new PersonalDataSerializer(plainJackson(), new PersonalDataCipher(keys));
    }

    private static JacksonSerializer plainJackson() {
        return JacksonSerializer.builder()
                .objectMapper(com.fasterxml.jackson.databind.json.JsonMapper.builder()
                        .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).build())
                .build();
    }
}
