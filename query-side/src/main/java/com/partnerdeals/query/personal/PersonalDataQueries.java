package com.partnerdeals.query.personal;

import com.partnerdeals.api.personal.FindPersonalData;
import com.partnerdeals.api.personal.PersonalDataReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The right of access (SPEC 11): reads what the read models show about a contact. It spans the deal views and the
 * customer overview, so it reads their tables rather than belonging to either. Rare and manager-only, it compares
 * emails case-insensitively without an index.
 */
@Component
class PersonalDataQueries {

    private final JdbcClient jdbc;

    PersonalDataQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    PersonalDataReport handle(FindPersonalData query) {
        String email = query.email().trim().toLowerCase(Locale.ROOT);
        List<String> dealIds = jdbc.sql("SELECT deal_id FROM deal_view WHERE LOWER(contact_email) = ? ORDER BY registered_at, deal_id")
                .param(email).query(String.class).list();
        if (dealIds.isEmpty()) {
            return new PersonalDataReport(query.email(), List.of(), List.of());
        }
        Map<String, List<PersonalDataReport.Note>> notes = jdbc.sql("""
                        SELECT deal_id, note_id, author, note_text, added_at FROM deal_view_note
                        WHERE deal_id IN (:dealIds) ORDER BY deal_id, event_sequence""")
                .param("dealIds", dealIds)
                .query((rs, row) -> Map.entry(rs.getString("deal_id"), new PersonalDataReport.Note(rs.getString("note_id"),
                        rs.getString("author"), rs.getString("note_text"), instant(rs, "added_at"))))
                .stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        List<PersonalDataReport.Deal> deals = jdbc.sql("""
                        SELECT deal_id, partner_id, company_name, contact_name, contact_email, country, note, stage, registered_at
                        FROM deal_view WHERE deal_id IN (:dealIds) ORDER BY registered_at, deal_id""")
                .param("dealIds", dealIds)
                .query((rs, row) -> new PersonalDataReport.Deal(rs.getString("deal_id"), rs.getString("partner_id"),
                        rs.getString("company_name"), rs.getString("contact_name"), rs.getString("contact_email"),
                        rs.getString("country"), rs.getString("note"), rs.getString("stage"), instant(rs, "registered_at"),
                        notes.getOrDefault(rs.getString("deal_id"), List.of())))
                .list();
        List<PersonalDataReport.CustomerAccount> accounts = jdbc.sql("""
                        SELECT customer_id, deal_id, company_name, status FROM customer_overview
                        WHERE deal_id IN (:dealIds) ORDER BY customer_id""")
                .param("dealIds", dealIds)
                .query((rs, row) -> new PersonalDataReport.CustomerAccount(rs.getString("customer_id"),
                        rs.getString("deal_id"), rs.getString("company_name"), rs.getString("status")))
                .list();
        return new PersonalDataReport(query.email(), deals, accounts);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp timestamp = rs.getTimestamp(column);
        return timestamp != null ? timestamp.toInstant() : null;
    }
}
