package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.ReviewStatus;
import com.partnerdeals.api.deal.Settlement;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The deal-views tables: one row per deal ({@code deal_view}) and its notes ({@code deal_view_note}). */
@Repository
class DealViewRepository {

    private static final String COLUMNS = """
            deal_id, partner_id, company_name, contact_name, contact_email, country, domain, estimated_users, note,
            flags, stage, review_status, denial_reason, denial_comment, customer_id, billing_option, annual_value,
            currency, commission_rate, commission_amount, settlement_type, settlement_amount, close_lost_reason,
            registered_at, last_partner_action_at, version""";

    private static final String VALUES = """
            :dealId, :partnerId, :companyName, :contactName, :contactEmail, :country, :domain, :estimatedUsers, :note,
            :flags, :stage, :reviewStatus, :denialReason, :denialComment, :customerId, :billingOption, :annualValue,
            :currency, :commissionRate, :commissionAmount, :settlementType, :settlementAmount, :closeLostReason,
            :registeredAt, :lastPartnerActionAt, :version""";

    private static final String INSERT = "INSERT INTO deal_view (" + COLUMNS + ") VALUES (" + VALUES + ")";

    private static final String UPDATE = """
            UPDATE deal_view SET stage = :stage, review_status = :reviewStatus,
                denial_reason = :denialReason, denial_comment = :denialComment, customer_id = :customerId,
                billing_option = :billingOption, annual_value = :annualValue, currency = :currency,
                commission_rate = :commissionRate, commission_amount = :commissionAmount,
                settlement_type = :settlementType, settlement_amount = :settlementAmount,
                close_lost_reason = :closeLostReason, last_partner_action_at = :lastPartnerActionAt,
                version = :version
            WHERE deal_id = :dealId""";

    private static final String INSERT_NOTE = """
            INSERT INTO deal_view_note (deal_id, note_id, event_sequence, author, note_text, added_at)
            VALUES (:dealId, :noteId, :sequence, :author, :text, :addedAt)""";

    /** A note to store, with the sequence number of the event that added it (the notes' order). */
    record NoteRow(String dealId, DealView.Note note, long sequence) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    DealViewRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
    }

    Optional<DealState> find(String dealId) {
        List<DealView.Note> notes = notesOf(dealId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM deal_view WHERE deal_id = :dealId")
                .param("dealId", dealId)
                .query((rs, row) -> state(rs, notes))
                .optional();
    }

    /** The stored states of those of the deals that have a view, with their notes: two queries for all. */
    Map<String, DealState> findAll(Collection<String> dealIds) {
        if (dealIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<DealView.Note>> notes = new HashMap<>();
        jdbc.sql("""
                        SELECT deal_id, note_id, author, note_text, added_at FROM deal_view_note
                        WHERE deal_id IN (:dealIds) ORDER BY deal_id, event_sequence""")
                .param("dealIds", dealIds)
                .query(rs -> {
                    notes.computeIfAbsent(rs.getString("deal_id"), id -> new ArrayList<>()).add(note(rs));
                });
        Map<String, DealState> states = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM deal_view WHERE deal_id IN (:dealIds)")
                .param("dealIds", dealIds)
                .query(rs -> {
                    String dealId = rs.getString("deal_id");
                    states.put(dealId, state(rs, notes.getOrDefault(dealId, List.of())));
                });
        return states;
    }

    /** Stores many steps of the fold at once, as JDBC batches: new deals, changed deals, added notes. */
    void saveAll(Collection<DealState> inserted, Collection<DealState> updated, Collection<NoteRow> notes) {
        if (!inserted.isEmpty()) {
            batches.batchUpdate(INSERT, inserted.stream().map(DealViewRepository::row).toArray(SqlParameterSource[]::new));
        }
        if (!updated.isEmpty()) {
            batches.batchUpdate(UPDATE, updated.stream().map(DealViewRepository::row).toArray(SqlParameterSource[]::new));
        }
        if (!notes.isEmpty()) {
            batches.batchUpdate(INSERT_NOTE, notes.stream().map(DealViewRepository::noteRow)
                    .toArray(SqlParameterSource[]::new));
        }
    }

    /**
     * A page of the board, newest registration first. The states carry no notes: the board does not show
     * them. Filters that are null or empty match everything.
     */
    Page board(String partnerId, Set<DealStage> stages, Set<ReviewStatus> reviewStatuses, String text,
               PageRequest page) {
        List<String> conditions = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (partnerId != null) {
            conditions.add("partner_id = :partnerId");
            params.addValue("partnerId", partnerId);
        }
        if (!stages.isEmpty()) {
            conditions.add("stage IN (:stages)");
            params.addValue("stages", names(stages));
        }
        if (!reviewStatuses.isEmpty()) {
            conditions.add("review_status IN (:reviewStatuses)");
            params.addValue("reviewStatuses", names(reviewStatuses));
        }
        if (text != null && !text.isBlank()) {
            conditions.add("(LOWER(company_name) LIKE :text ESCAPE '\\' OR domain LIKE :text ESCAPE '\\')");
            params.addValue("text", "%" + escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = jdbc.sql("SELECT COUNT(*) FROM deal_view" + where).paramSource(params).query(Long.class).single();
        params.addValue("limit", page.size()).addValue("offset", page.offset());
        List<DealState> deals = jdbc.sql("SELECT " + COLUMNS + " FROM deal_view" + where
                        + " ORDER BY registered_at DESC, deal_id DESC LIMIT :limit OFFSET :offset")
                .paramSource(params)
                .query((rs, row) -> state(rs, List.of()))
                .list();
        return new Page(deals, total);
    }

    record Page(List<DealState> deals, long totalItems) {
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM deal_view_note").update();
        jdbc.sql("DELETE FROM deal_view").update();
    }

    private List<DealView.Note> notesOf(String dealId) {
        return jdbc.sql("""
                        SELECT note_id, author, note_text, added_at FROM deal_view_note
                        WHERE deal_id = :dealId ORDER BY event_sequence""")
                .param("dealId", dealId)
                .query((rs, row) -> note(rs))
                .list();
    }

    private static DealView.Note note(ResultSet rs) throws SQLException {
        return new DealView.Note(rs.getString("note_id"), rs.getString("author"), rs.getString("note_text"),
                instant(rs, "added_at"));
    }

    private static MapSqlParameterSource noteRow(NoteRow row) {
        return new MapSqlParameterSource()
                .addValue("dealId", row.dealId())
                .addValue("noteId", row.note().noteId())
                .addValue("sequence", row.sequence())
                .addValue("author", row.note().author(), Types.VARCHAR)
                .addValue("text", row.note().text())
                .addValue("addedAt", timestamp(row.note().addedAt()));
    }

    private static DealState state(ResultSet rs, List<DealView.Note> notes) throws SQLException {
        DealView.Denial denial = rs.getString("denial_reason") == null ? null : new DealView.Denial(
                DenialReason.valueOf(rs.getString("denial_reason")), rs.getString("denial_comment"));
        return new DealState(
                rs.getString("deal_id"),
                rs.getString("partner_id"),
                new CustomerDetails(rs.getString("company_name"), rs.getString("contact_name"),
                        rs.getString("contact_email"), rs.getString("country")),
                rs.getString("domain"),
                rs.getObject("estimated_users", Integer.class),
                rs.getString("note"),
                flags(rs.getString("flags")),
                DealStage.valueOf(rs.getString("stage")),
                ReviewStatus.valueOf(rs.getString("review_status")),
                denial,
                notes,
                rs.getString("customer_id"),
                closeWon(rs),
                rs.getString("close_lost_reason"),
                instant(rs, "registered_at"),
                instant(rs, "last_partner_action_at"),
                rs.getLong("version"));
    }

    private static DealView.CloseWon closeWon(ResultSet rs) throws SQLException {
        String billing = rs.getString("billing_option");
        if (billing == null) {
            return null;
        }
        String currency = rs.getString("currency");
        Settlement.Type type = Settlement.Type.valueOf(rs.getString("settlement_type"));
        Money settled = new Money(rs.getBigDecimal("settlement_amount"), currency);
        return new DealView.CloseWon(BillingOption.valueOf(billing),
                new Money(rs.getBigDecimal("annual_value"), currency),
                new BigDecimal(rs.getString("commission_rate")),
                new Money(rs.getBigDecimal("commission_amount"), currency),
                new Settlement(type, type == Settlement.Type.PAYOUT_TO_PARTNER ? settled : null,
                        type == Settlement.Type.INVOICE_TO_PARTNER ? settled : null));
    }

    private static MapSqlParameterSource row(DealState deal) {
        DealView.CloseWon won = deal.closeWon();
        Settlement settlement = won != null ? won.settlement() : null;
        Money settled = settlement == null ? null
                : settlement.type() == Settlement.Type.PAYOUT_TO_PARTNER ? settlement.payoutToPartner()
                : settlement.invoiceToPartner();
        return new MapSqlParameterSource()
                .addValue("dealId", deal.dealId())
                .addValue("partnerId", deal.partnerId())
                .addValue("companyName", deal.customer().companyName())
                .addValue("contactName", deal.customer().contactName())
                .addValue("contactEmail", deal.customer().contactEmail())
                .addValue("country", deal.customer().country(), Types.VARCHAR)
                .addValue("domain", deal.domain())
                .addValue("estimatedUsers", deal.estimatedUsers(), Types.INTEGER)
                .addValue("note", deal.note(), Types.VARCHAR)
                .addValue("flags", joined(deal.flags()))
                .addValue("stage", deal.stage().name())
                .addValue("reviewStatus", deal.reviewStatus().name())
                .addValue("denialReason", deal.denial() != null ? deal.denial().reason().name() : null, Types.VARCHAR)
                .addValue("denialComment", deal.denial() != null ? deal.denial().comment() : null, Types.VARCHAR)
                .addValue("customerId", deal.customerId(), Types.VARCHAR)
                .addValue("billingOption", won != null ? won.billingOption().name() : null, Types.VARCHAR)
                .addValue("annualValue", won != null ? won.annualValue().amount() : null, Types.NUMERIC)
                .addValue("currency", won != null ? won.annualValue().currency() : null, Types.VARCHAR)
                .addValue("commissionRate", won != null ? won.commissionRate().toPlainString() : null, Types.VARCHAR)
                .addValue("commissionAmount", won != null ? won.commissionAmount().amount() : null, Types.NUMERIC)
                .addValue("settlementType", settlement != null ? settlement.type().name() : null, Types.VARCHAR)
                .addValue("settlementAmount", settled != null ? settled.amount() : null, Types.NUMERIC)
                .addValue("closeLostReason", deal.closeLostReason(), Types.VARCHAR)
                .addValue("registeredAt", timestamp(deal.registeredAt()))
                .addValue("lastPartnerActionAt", timestamp(deal.lastPartnerActionAt()))
                .addValue("version", deal.version());
    }

    private static List<String> names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toList();
    }

    private static String joined(Set<DealFlag> flags) {
        return flags.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static Set<DealFlag> flags(String names) {
        return names.isEmpty() ? Set.of() : Arrays.stream(names.split(",")).map(DealFlag::valueOf)
                .collect(Collectors.toSet());
    }

    /** Matches the text literally: its own % and _ are no wildcards. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
