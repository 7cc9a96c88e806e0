package com.partnerdeals.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Text a client may send: any Unicode but control characters (tab, line feed and carriage return excepted) and
 * unpaired surrogates. PostgreSQL cannot store a NUL character at all, and the others only break what reads
 * the text later; refusing them at the edge keeps every accepted value storable by every read model (SPEC 9).
 */
final class PlainText {

    private PlainText() {
    }

    static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Every JSON string of a request body is checked; a refusal names the field. */
    static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && !isPlain(text)) {
                return (String) context.handleWeirdStringValue(String.class, text,
                        "contains a control character or an unpaired surrogate");
            }
            return text;
        }
    }
}
