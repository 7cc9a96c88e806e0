package com.partnerdeals.bench.throughput;

import com.partnerdeals.platform.testing.Tokens;
import java.util.ArrayList;
import java.util.List;

/** The partner manager and the partners whose consultants send the commands, with their signed tokens. */
final class Participants {

    final String managerToken;
    private final List<String> partnerIds = new ArrayList<>();
    private final List<String> partnerTokens = new ArrayList<>();

    Participants(Tokens tokens, int partners) {
        this.managerToken = tokens.manager();
        for (int i = 1; i <= partners; i++) {
            String partnerId = String.format("bench-partner-%02d", i);
            partnerIds.add(partnerId);
            partnerTokens.add(tokens.partner(partnerId));
        }
    }

    int partners() {
        return partnerIds.size();
    }

    String partnerId(int index) {
        return partnerIds.get(index);
    }

    String partnerToken(int index) {
        return partnerTokens.get(index);
    }

    /** Registers every partner through the API (the manager's command), once per fresh database. */
    void register(ServiceApi api) {
        for (String partnerId : partnerIds) {
            api.post("/api/partners", managerToken, """
                    {"partnerId":"%s","name":"Partner %s","domains":["%s.example"],"commissionRate":"0.20"}"""
                    .formatted(partnerId, partnerId, partnerId)).orThrow("Registering " + partnerId);
        }
    }
}
