package com.partnerdeals.app.web;

import com.github.curiousoddman.rgxgen.RgxGen;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests derived from the served OpenAPI document: for a random operation, a valid request built from
 * its parameters and body schema, then (most of the time) one thing a careless or hostile client gets
 * wrong: a field's value or type, a missing or extra field, malformed JSON, a wrong or wildcard content
 * type, an odd path or query value, an unparseable {@code Accept}, a bad token, a method the path does
 * not take. Seeded, so a failing run can be repeated exactly.
 */
final class ApiFuzzer {

    /** Real ids for path parameters, so that valid requests reach the rules rather than stop at 404. */
    record KnownIds(String partnerId, String dealId, String customerId) {
    }

    /** Tokens to send: the owner of the known ids, another partner, vendor staff, the product. */
    record Tokens(String owner, String otherPartner, String manager, String system) {
    }

    private record Operation(String method, String path, List<JsonNode> parameters, JsonNode bodySchema) {
    }

    private enum Mutation { NONE, FIELD_VALUE, FIELD_MISSING, EXTRA_FIELD, MALFORMED_JSON, CONTENT_TYPE, PATH_VALUE,
        QUERY_VALUE, ACCEPT, TOKEN, METHOD }

    private static final String PLACEHOLDER = "__fuzzed_value__";

    /** JSON values that are wrong for most fields in some way: types, sizes, unicode, control characters. */
    private static final List<String> ODD_JSON_VALUES = List.of(
            "null", "true", "false", "0", "-1", "1", "2.9", "1e308", "-1e308", "123456789012345678901234567890",
            "0.123456789", "\"\"", "\" \"", quoted("x".repeat(256)), quoted("x".repeat(4001)), quoted("x".repeat(70_000)),
            "\"\\u0000\"", "\"a\\u0007b\"", "\"line\\r\\nbreak\"", "\"\\ud800\"", "\"x\\udc00y\"",
            quoted("\uD83D\uDE00".repeat(150)), "\"\u03A9mega \u00E7 \u221A\"", "\"<script>alert(1)</script>\"",
            "\"' OR '1'='1\"", "\"../../etc/passwd\"", "\"%00\"", "[]", "{}", "[\"a\"]", "{\"a\":1}", "[[[[1]]]]",
            "\"1970-01-01T00:00:00Z\"", "\"2.9\"", "\"NaN\"", "\"-0\"", "\"1e400\"", "\"0.00001\"", "\"\\t\"");

    private static final List<String> MALFORMED_BODIES = List.of(
            "{", "}", "[]", "null", "\"text\"", "42", "{\"a\":}", "{'single':1}", "{\"a\":1,}", "{\"a\" 1}",
            "[".repeat(3000), "{\"a\":\"\\uZZZZ\"}", "\u0000", "<xml/>", "a=1&b=2", "{\"a\":1}{\"b\":2}");

    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain", "*/*", "application/*", "application/xml", "", "foo", "application/json; charset=no-such-charset",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json;;", "*/json",
            "application/octet-stream");

    private static final List<String> ODD_PATH_VALUES = List.of(
            "%zz", "..", "%2e%2e", "a;b", "%252F", "%2F", "%C3%A9", "%00", "%20", "%F0%9F%98%80", "-1", "null",
            "x".repeat(300), "%", "a%2Fb", "~", "%5C", "%0D%0A");

    private static final List<String> ODD_QUERY_VALUES = List.of(
            "", "%zz", "x".repeat(5000), "%00", "-1", "99999999999999999999", "NOPE", "%C3%A9", "1e308", ",",
            "companyName,sideways", "2026-13-45T99:00:00Z", "%F0%9F%98%80", "true", "%");

    private static final List<String> ACCEPTS = List.of(
            "foo", "text/html", "application/xml", "*/*;q=abc", "application/json;q=0", "image/png", "a/b/c", ";");

    private static final List<String> OTHER_METHODS = List.of("PATCH", "DELETE", "PUT", "POST", "TRACE");

    private final JsonNode document;
    private final Random random;
    private final KnownIds ids;
    private final Tokens tokens;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, RgxGen> patterns = new HashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private int sequence;

    ApiFuzzer(JsonNode document, long seed, KnownIds ids, Tokens tokens) {
        this.document = document;
        this.random = new Random(seed);
        this.ids = ids;
        this.tokens = tokens;
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            List<JsonNode> parameters = new ArrayList<>();
            operation.getValue().path("parameters").forEach(parameters::add);
            JsonNode body = operation.getValue().path("requestBody").path("content").path("application/json").get("schema");
            operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters, body));
        }));
    }

    int operationCount() {
        return operations.size();
    }

    RawHttp.Request next() {
        sequence++;
        Operation operation = pick(operations);
        Mutation mutation = random.nextInt(5) == 0 ? Mutation.NONE : pick(List.of(Mutation.values()));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json, application/problem+json");
        headers.put("Authorization", "Bearer " + token());
        String target = target(operation, mutation);
        String body = null;
        if (operation.bodySchema() != null) {
            headers.put("Content-Type", "application/json");
            body = body(operation.bodySchema(), mutation);
        } else if (!operation.method().equals("GET") && random.nextInt(4) == 0) {
            headers.put("Content-Type", "application/json");
            body = "{}";
        }
        String method = operation.method();
        switch (mutation) {
            case CONTENT_TYPE -> {
                String type = pick(CONTENT_TYPES);
                if (type.isEmpty()) {
                    headers.remove("Content-Type");
                } else {
                    headers.put("Content-Type", type);
                }
                body = body != null ? body : "{}";
            }
            case ACCEPT -> headers.put("Accept", pick(ACCEPTS));
            case TOKEN -> {
                String token = pick(List.of("", "Bearer", "Bearer not-a-jwt", "Basic dXNlcjpwYXNz",
                        "Bearer " + tokens.owner().substring(0, tokens.owner().length() - 3) + "abc",
                        "Bearer " + "a".repeat(3000)));
                if (token.isEmpty()) {
                    headers.remove("Authorization");
                } else {
                    headers.put("Authorization", token);
                }
            }
            case METHOD -> method = pick(OTHER_METHODS.stream().filter(m -> !m.equals(operation.method())).toList());
            default -> {
            }
        }
        if (random.nextInt(10) == 0) {
            headers.put("If-Match", pick(List.of("\"0\"", "0", "*", "W/\"1\"", "\"abc\"", "-1", "99999999999999999999999")));
        }
        return new RawHttp.Request(method, target, headers, body);
    }

    private String token() {
        int roll = random.nextInt(20);
        if (roll < 8) {
            return tokens.manager();
        }
        if (roll < 15) {
            return tokens.owner();
        }
        return roll < 18 ? tokens.system() : tokens.otherPartner();
    }

    private String target(Operation operation, Mutation mutation) {
        String path = operation.path();
        List<String> query = new ArrayList<>();
        List<JsonNode> pathParameters = operation.parameters().stream().filter(p -> p.path("in").asString().equals("path")).toList();
        JsonNode oddPathParameter = mutation == Mutation.PATH_VALUE && !pathParameters.isEmpty() ? pick(pathParameters) : null;
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asString();
            switch (parameter.path("in").asString()) {
                case "path" -> path = path.replace("{" + name + "}", parameter == oddPathParameter
                        ? oddPathValue(name) : pathValue(name));
                case "query" -> {
                    if (random.nextBoolean()) {
                        for (String value : queryValues(resolve(parameter.path("schema")))) {
                            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (mutation == Mutation.QUERY_VALUE) {
            List<String> names = operation.parameters().stream().filter(p -> p.path("in").asString().equals("query"))
                    .map(p -> p.path("name").asString()).toList();
            String name = names.isEmpty() || random.nextInt(4) == 0 ? "unknown" : pick(names);
            query.add(name + "=" + pick(ODD_QUERY_VALUES));
            if (random.nextBoolean()) {
                query.add(name + "=");
            }
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    private String pathValue(String name) {
        return switch (name) {
            case "partnerId" -> ids.partnerId();
            case "dealId" -> ids.dealId();
            case "customerId" -> ids.customerId();
            case "name" -> pick(List.of("deal-views", "partner-views", "customer-overview", "no-such-projection"));
            case "noteId" -> "note-" + sequence;
            default -> "value-" + sequence;
        };
    }

    private String oddPathValue(String name) {
        return switch (random.nextInt(3)) {
            case 0 -> pathValue(name).toUpperCase(Locale.ROOT);
            case 1 -> UUID.randomUUID().toString();
            default -> pick(ODD_PATH_VALUES);
        };
    }

    private List<String> queryValues(JsonNode schema) {
        if (schema.path("type").asString().equals("array")) {
            List<String> values = new ArrayList<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                values.add(scalarText(resolve(schema.path("items"))));
            }
            return values;
        }
        return List.of(scalarText(schema));
    }

    private String scalarText(JsonNode schema) {
        JsonNode value = valid(schema, "");
        return value.isString() ? value.asString() : value.toString();
    }

    private String body(JsonNode schema, Mutation mutation) {
        JsonNode valid = valid(resolve(schema), "");
        String text = json.writeValueAsString(valid);
        List<String> paths = new ArrayList<>();
        leaves(valid, "", paths);
        switch (mutation) {
            case FIELD_VALUE -> {
                if (!paths.isEmpty()) {
                    set(valid, pick(paths), JsonNodeFactory.instance.stringNode(PLACEHOLDER));
                    return json.writeValueAsString(valid).replace("\"" + PLACEHOLDER + "\"", pick(ODD_JSON_VALUES));
                }
                return pick(ODD_JSON_VALUES);
            }
            case FIELD_MISSING -> {
                if (!paths.isEmpty()) {
                    remove(valid, pick(paths));
                }
                return json.writeValueAsString(valid);
            }
            case EXTRA_FIELD -> {
                return valid instanceof ObjectNode object
                        ? json.writeValueAsString(object.put("unexpected" + random.nextInt(3), pick(ODD_JSON_VALUES)))
                        : text;
            }
            case MALFORMED_JSON -> {
                return random.nextBoolean() && text.length() > 1
                        ? text.substring(0, 1 + random.nextInt(text.length() - 1))
                        : pick(MALFORMED_BODIES);
            }
            default -> {
                return text;
            }
        }
    }

    /** A value that the schema allows, built from its type, format, enum, pattern and bounds. */
    private JsonNode valid(JsonNode schema, String name) {
        schema = resolve(schema);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            return pick(values);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString() : schema.path("type").asString();
        switch (type) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                schema.path("properties").properties().forEach(property ->
                        object.set(property.getKey(), valid(property.getValue(), property.getKey())));
                return object;
            }
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                int count = Math.max(schema.path("minItems").asInt(1), 1);
                for (int i = 0; i < count; i++) {
                    array.add(valid(schema.path("items"), name));
                }
                return array;
            }
            case "integer" -> {
                return nodes.numberNode(Math.max(schema.path("minimum").asLong(0), 1) + random.nextInt(5));
            }
            case "number" -> {
                return nodes.stringNode(pick(List.of("0.2", "0.15", "4800.00", "1", "0.1235")));
            }
            case "boolean" -> {
                return nodes.booleanNode(random.nextBoolean());
            }
            default -> {
                return nodes.stringNode(validString(schema, name));
            }
        }
    }

    private String validString(JsonNode schema, String name) {
        String format = schema.path("format").asString();
        if (format.equals("email") || name.toLowerCase(Locale.ROOT).contains("email")) {
            return "contact" + sequence + "@fuzz-" + sequence + "-" + random.nextInt(1_000_000) + ".fi";
        }
        if (format.equals("date-time")) {
            return Instant.now().minusSeconds(random.nextInt(100_000)).toString();
        }
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asString().replace("(?i)", "");
            String value = patterns.computeIfAbsent(pattern, RgxGen::parse).generate(random);
            int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
            return value.length() > max ? value.substring(0, max) : value;
        }
        return "Fuzz " + name + " " + sequence;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String reference = schema.get("$ref").asString();
            schema = document.at(reference.substring(1));
        }
        return schema;
    }

    private static void leaves(JsonNode node, String pointer, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(property -> {
                into.add(pointer + "/" + property.getKey());
                leaves(property.getValue(), pointer + "/" + property.getKey(), into);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.add(pointer + "/" + i);
                leaves(node.get(i), pointer + "/" + i, into);
            }
        }
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), value);
        }
    }

    private static void remove(JsonNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(key);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(key));
        }
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
