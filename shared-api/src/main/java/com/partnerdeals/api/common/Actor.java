package com.partnerdeals.api.common;

import java.util.List;

/** Who issued a command: the token's subject and roles. Travels as event metadata for the audit trail. */
public record Actor(String subject, List<String> roles) {

    public static final String SUBJECT_KEY = "actorSubject";
    public static final String ROLES_KEY = "actorRoles";
}
