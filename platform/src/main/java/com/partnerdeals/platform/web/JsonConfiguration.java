package com.partnerdeals.platform.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON at the REST edge (SPEC 8 and 9). Decimals, money among them, are written as strings so no client
 * rounds them through a float. Requests are read strictly, because a value Jackson would coerce is stored
 * as something the client did not mean: {@code 2.9} users are not 2, {@code false} is not a name, a number
 * is not an instant (1e308 would become 1970), a misspelt field is not silently ignored, and text holds no
 * character a read model could not store ({@link PlainText}).
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer decimalsAsStrings() {
        return builder -> builder.withConfigOverride(BigDecimal.class,
                override -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
    }

    /**
     * Instants are ISO-8601 strings (SPEC 8). Java.time's own deserializer also takes epoch numbers, and no
     * coercion setting turns that off; this one refuses anything but a string, then reads it as java.time does.
     */
    static final class IsoInstants extends StdDeserializer<Instant> {

        IsoInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    @Bean
    JsonMapperBuilderCustomizer strictReading() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .addModule(new SimpleModule("strict-requests")
                        .addDeserializer(Instant.class, new IsoInstants())
                        .addDeserializer(String.class, new PlainText.Deserializer()))
                // Money and rates are documented as decimal strings ("4800.00"); a JSON number is read exactly too.
                .withCoercionConfig(BigDecimal.class, decimal -> decimal
                        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert));
    }
}
