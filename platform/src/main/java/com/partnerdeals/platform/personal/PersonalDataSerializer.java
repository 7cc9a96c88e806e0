package com.partnerdeals.platform.personal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's JSON serializer with crypto-shredding (SPEC 11): the components an event marks {@code @PersonalData} are
 * written encrypted and read back decrypted, or as null once their key is erased. Everything the event store,
 * snapshots and dead letters hold passes through here; values of types without personal data pass straight through.
 */
public class PersonalDataSerializer implements Serializer {

    private final JacksonSerializer json;
    private final ObjectMapper mapper;
    private final PersonalDataCipher cipher;

    public PersonalDataSerializer(JacksonSerializer json, PersonalDataCipher cipher) {
        this.json = json;
        this.mapper = json.getObjectMapper();
        this.cipher = cipher;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !PersonalDataFields.holdPersonalData(object.getClass())) {
            return json.serialize(object, expectedRepresentation);
        }
        JsonNode tree = mapper.valueToTree(object);
        cipher.encrypt(tree, object.getClass());
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot write " + object.getClass().getName(), e);
        }
        return new SimpleSerializedObject<>(json.getConverter().convert(bytes, expectedRepresentation),
                expectedRepresentation, json.typeForClass(object.getClass()));
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = json.classForType(serializedObject.getType());
        if (UnknownSerializedType.class.equals(type) || !PersonalDataFields.holdPersonalData(type)) {
            return json.deserialize(serializedObject);
        }
        JsonNode tree = json.getConverter().convert(serializedObject, JsonNode.class).getData();
        if (JsonNode.class.equals(serializedObject.getContentType())) {
            tree = tree.deepCopy(); // an upcaster's tree: decrypt a copy, never what the store handed out
        }
        cipher.decrypt(tree, type);
        return json.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return json.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return json.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return json.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return json.getConverter();
    }
}
