package com.partnerdeals.platform.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;

/**
 * Encrypts and decrypts the personal fields of an event's JSON in place. An encrypted value is the text
 * {@code pd1.<key id>.<Base64 of nonce, ciphertext and tag>}: it names its key, so each value opens with the key it
 * was sealed with, and once that key is erased it reads back as {@code null}. A value not in that form was stored
 * before encryption existed and is read as it is (until the migration encrypts it).
 */
public final class PersonalDataCipher {

    private static final String PREFIX = "pd1.";

    private final PersonalDataKeys keys;

    PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** Encrypts every personal field of {@code event} (the JSON of a value of {@code type}) still in clear. */
    void encrypt(JsonNode event, Class<?> type) {
        List<PersonalDataFields.Field> fields = PersonalDataFields.of(type);
        // Every subject is named from the clear values before any of them is encrypted (the email names itself).
        // A field without a value (erased already, or optional) has nothing to encrypt and needs no subject.
        List<String> subjects = new ArrayList<>();
        for (PersonalDataFields.Field field : fields) {
            subjects.add(isClearText(at(event, field.path())) ? subjectOf(event, field) : null);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (subjects.get(i) != null) {
                PersonalDataKeys.DataKey key = keys.currentKey(subjects.get(i));
                String clear = at(event, fields.get(i).path()).textValue();
                parentOf(event, fields.get(i).path()).put(last(fields.get(i).path()), seal(key, clear));
            }
        }
    }

    /** Decrypts every personal field of {@code event}; a field whose key was erased becomes null. */
    void decrypt(JsonNode event, Class<?> type) {
        for (PersonalDataFields.Field field : PersonalDataFields.of(type)) {
            JsonNode value = at(event, field.path());
            if (value != null && value.isTextual() && isSealed(value.textValue())) {
                ObjectNode parent = parentOf(event, field.path());
                Optional<String> clear = open(value.textValue());
                if (clear.isPresent()) {
                    parent.put(last(field.path()), clear.get());
                } else {
                    parent.putNull(last(field.path()));
                }
            }
        }
    }

    /** Whether the event's JSON still holds any personal field in clear (what the migration looks for). */
    boolean holdsClearText(JsonNode event, Class<?> type) {
        return PersonalDataFields.of(type).stream().map(field -> at(event, field.path())).anyMatch(PersonalDataCipher::isClearText);
    }

    private static boolean isClearText(JsonNode value) {
        return value != null && value.isTextual() && !isSealed(value.textValue());
    }

    static boolean isSealed(String text) {
        return text.startsWith(PREFIX);
    }

    private String subjectOf(JsonNode event, PersonalDataFields.Field field) {
        String identity = field.keyedBy().stream()
                .map(path -> {
                    JsonNode value = at(event, path);
                    if (value == null || !value.isTextual() || isSealed(value.textValue())) {
                        throw new IllegalStateException("Personal data at " + String.join(".", field.path())
                                + " is keyed by " + String.join(".", path) + ", which is not readable text");
                    }
                    return value.textValue();
                })
                .collect(Collectors.joining(":"));
        return keys.subjectHash(field.subject(), identity);
    }

    private static String seal(PersonalDataKeys.DataKey key, String clear) {
        byte[] sealed = Aes.seal(key.key(), clear.getBytes(StandardCharsets.UTF_8), aad(key.id()));
        return PREFIX + key.id() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    private Optional<String> open(String sealedText) {
        int dot = sealedText.indexOf('.', PREFIX.length());
        if (dot < 0) {
            throw new TamperedPersonalData("the value has no key id");
        }
        String keyId = sealedText.substring(PREFIX.length(), dot);
        Optional<SecretKey> key = keys.key(keyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(sealedText.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            throw new TamperedPersonalData("the value is not Base64");
        }
        return Optional.of(new String(Aes.open(key.get(), sealed, aad(keyId)), StandardCharsets.UTF_8));
    }

    private static byte[] aad(String keyId) {
        return ("personal-data:" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode at(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String name : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(name);
        }
        return node;
    }

    private static ObjectNode parentOf(JsonNode root, List<String> path) {
        return (ObjectNode) at(root, path.subList(0, path.size() - 1));
    }

    private static String last(List<String> path) {
        return path.get(path.size() - 1);
    }
}
