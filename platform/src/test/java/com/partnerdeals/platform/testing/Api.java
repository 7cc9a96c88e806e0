package com.partnerdeals.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests that go through the running service, as a real client would. */
public class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public Response get(String path, String token, String... headers) {
        return send(request(path, token, headers).GET());
    }

    public Response post(String path, String token, Object body, String... headers) {
        return send(request(path, token, headers).POST(bodyOf(body)));
    }

    public Response put(String path, String token, Object body, String... headers) {
        return send(request(path, token, headers).PUT(bodyOf(body)));
    }

    private HttpRequest.Builder request(String path, String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]); // replaces a default (Accept, Content-Type)
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : JSON.writeValueAsString(body));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map().entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(v -> e.getKey().toLowerCase() + ": " + v)).toList(),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers as "name: value" lines (lower-case names), and the body. */
    public record Response(int status, List<String> headers, String body) {

        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        /** A value at a JSON pointer, e.g. {@code "/customer/domain"}, as text. */
        public String at(String pointer) {
            JsonNode node = json().at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        public String header(String name) {
            String prefix = name.toLowerCase() + ": ";
            return headers.stream().filter(h -> h.startsWith(prefix)).map(h -> h.substring(prefix.length()))
                    .findFirst().orElse(null);
        }

        public String code() {
            return at("/code");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
