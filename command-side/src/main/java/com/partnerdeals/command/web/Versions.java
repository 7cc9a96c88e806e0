package com.partnerdeals.command.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * Optimistic concurrency over HTTP: a command answers with the aggregate's new version (body and
 * {@code ETag}); a client may send the version it saw in {@code If-Match} ({@code ExpectedVersion}) and gets 412
 * if it changed.
 */
public final class Versions {

    private Versions() {
    }

    /** 200 with {@code {<idName>: id, version}} and the version as ETag. */
    public static ResponseEntity<Map<String, Object>> ok(String idName, String id, long version) {
        return ResponseEntity.ok().eTag(Long.toString(version)).body(body(idName, id, version));
    }

    /** 201 with a Location, {@code {<idName>: id, version}} and the version as ETag. */
    public static ResponseEntity<Map<String, Object>> created(URI location, String idName, String id, long version) {
        return ResponseEntity.created(location).eTag(Long.toString(version)).body(body(idName, id, version));
    }

    private static Map<String, Object> body(String idName, String id, long version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(idName, id);
        body.put("version", version);
        return body;
    }
}
