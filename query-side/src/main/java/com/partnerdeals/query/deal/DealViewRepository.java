package com.partnerdeals.query.deal;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.ReviewDecider;
import com.partnerdeals.api.deal.ReviewStatus;
import com.partnerdeals.api.deal.Settlement;
import com.partnerdeals.query.projections.FoldedReadModel.Column;
import com.partnerdeals.query.projections.ViewTable;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The deal-views tables: one row per deal ({@code deal_view}) and its notes ({@code deal_view_note}). */
@Repository
class DealViewRepository implements ViewTable<String, DealState> {

    /**
     * The columns of {@code deal_view} in the order {@link #values} gives them. Writes bind them by position: a
     * replay writes a row per event, and binding 26 named parameters per row took a tenth of the service's CPU.
     */
    static final List<Column> TABLE = List.of(
            new Column("deal_id", Types.VARCHAR), new Column("partner_id", Types.VARCHAR),
            new Column("company_name", Types.VARCHAR), new Column("contact_name", Types.VARCHAR),
            new Column("contact_email", Types.VARCHAR), new Column("country", Types.VARCHAR),
            new Column("domain", Types.VARCHAR), new Column("estimated_users", Types.INTEGER),
            new Column("note", Types.VARCHAR), new Column("flags", Types.VARCHAR),
            new Column("stage", Types.VARCHAR), new Column("review_status", Types.VARCHAR),
            new Column("denial_reason", Types.VARCHAR), new Column("denial_comment", Types.VARCHAR),
            new Column("customer_id", Types.VARCHAR), new Column("billing_option", Types.VARCHAR),
            new Column("annual_value", Types.NUMERIC), new Column("currency", Types.VARCHAR),
            new Column("commission_rate", Types.VARCHAR), new Column("commission_amount", Types.NUMERIC),
            new Column("settlement_type", Types.VARCHAR), new Column("settlement_amount", Types.NUMERIC),
            new Column("close_lost_reason", Types.VARCHAR), new Column("registered_at", Types.TIMESTAMP_WITH_TIMEZONE),
            new Column("last_partner_action_at", Types.TIMESTAMP_WITH_TIMEZONE),
            new Column("review_decided_at", Types.TIMESTAMP_WITH_TIMEZONE), new Column("decided_by", Types.VARCHAR),
            new Column("withdrawal_reason", Types.VARCHAR), new Column("version", Types.BIGINT));

    private static final String COLUMNS = TABLE.stream().map(Column::name).collect(Collectors.joining(", "));

    private static final String INSERT = "INSERT INTO deal_view (" + COLUMNS + ") VALUES ("
            + TABLE.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";

    /**
     * Every column but the key, in table order, then the key and the stored version: see {@link #bindForUpdate}. A
     * view is updated only from the version it was folded from.
     */
    private static final String UPDATE = "UPDATE deal_view SET "
            + TABLE.stream().skip(1).map(column -> column.name() + " = ?").collect(Collectors.joining(", "))
            + " WHERE deal_id = ? AND version = ?";

    /** The columns of {@code deal_view_note} in the order {@link #noteValues} gives them. */
    static final List<Column> NOTE_TABLE = List.of(
            new Column("deal_id", Types.VARCHAR), new Column("note_id", Types.VARCHAR),
            new Column("event_sequence", Types.BIGINT), new Column("author", Types.VARCHAR),
            new Column("note_text", Types.VARCHAR), new Column("added_at", Types.TIMESTAMP_WITH_TIMEZONE));

    private static final String INSERT_NOTE = "INSERT INTO deal_view_note ("
            + NOTE_TABLE.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ("
            + NOTE_TABLE.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";

    private static final String UPDATE_NOTE_TEXT = "UPDATE deal_view_note SET note_text = ? WHERE deal_id = ? AND note_id = ?";

    /** A note to store, with the sequence number of the event that added it (the notes' order). */
    record NoteRow(String dealId, DealView.Note note, long sequence) {
    }

    private record NoteText(String dealId, String noteId, String text) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    DealViewRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
    }

    Optional<DealState> find(String dealId) {
        return Optional.ofNullable(findAll(List.of(dealId)).get(dealId));
    }

    /** The stored states of those of the deals that have a view, with their notes: two queries for all. */
    @Override
    public Map<String, DealState> findAll(Collection<String> dealIds) {
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

    /**
     * Stores what a batch of events changed, as JDBC batches: new deals, changed deals, added notes (with the
     * sequence number of the event that added each), notes whose text changed (a redaction).
     */
    @Override
    public void storeAll(List<ViewChange<String, DealState>> changes) {
        List<DealState> inserted = new ArrayList<>();
        List<ViewChange<String, DealState>> updated = new ArrayList<>();
        List<NoteRow> addedNotes = new ArrayList<>();
        List<NoteText> changedTexts = new ArrayList<>();
        for (ViewChange<String, DealState> change : changes) {
            DealState stored = change.stored();
            DealState current = change.current();
            if (stored == null) {
                inserted.add(current);
            } else if (!stored.equals(current)) {
                updated.add(change);
            }
            if (stored != null && current.notes() == stored.notes()) {
                continue; // no step touched the notes: they share the stored list
            }
            Map<String, DealView.Note> storedNotes = stored == null ? Map.of() : stored.notes().stream()
                    .collect(Collectors.toMap(DealView.Note::noteId, note -> note));
            for (DealView.Note note : current.notes()) {
                DealView.Note before = storedNotes.get(note.noteId());
                if (before == null) {
                    addedNotes.add(new NoteRow(change.id(), note, versionThatAdded(note, change.steps())));
                } else if (!before.equals(note)) {
                    // Only a redaction changes a note (SPEC 11); the row keeps its place among the notes.
                    changedTexts.add(new NoteText(change.id(), note.noteId(), note.text()));
                }
            }
        }
        JdbcTemplate batches = this.batches.getJdbcTemplate();
        if (!inserted.isEmpty()) {
            batches.batchUpdate(INSERT, inserted, inserted.size(), DealViewRepository::bindForInsert);
        }
        if (!updated.isEmpty()) {
            int[][] counts = batches.batchUpdate(UPDATE, updated, updated.size(), DealViewRepository::bindForUpdate);
            for (int i = 0; i < updated.size(); i++) {
                if (counts[0][i] == 0) {
                    throw new IllegalStateException("The view of deal " + updated.get(i).id() + " is no longer at version "
                            + updated.get(i).stored().version() + "; the batch is retried from the stored views");
                }
            }
        }
        if (!addedNotes.isEmpty()) {
            batches.batchUpdate(INSERT_NOTE, addedNotes, addedNotes.size(), DealViewRepository::bindNote);
        }
        if (!changedTexts.isEmpty()) {
            batches.batchUpdate(UPDATE_NOTE_TEXT, changedTexts, changedTexts.size(), (statement, row) -> {
                statement.setString(1, row.text());
                statement.setString(2, row.dealId());
                statement.setString(3, row.noteId());
            });
        }
    }

    /** The version of the first step that has the note: the sequence number of the event that added it. */
    private static long versionThatAdded(DealView.Note note, List<DealState> steps) {
        return steps.stream()
                .filter(step -> step.notes().stream().anyMatch(each -> each.noteId().equals(note.noteId())))
                .findFirst()
                .map(DealState::version)
                .orElseThrow();
    }

    /**
     * A page of the board, newest registration first. The states carry no notes: the board does not show
     * them. Filters that are null or empty match everything.
     */
    Page board(String partnerId, Set<DealStage> stages, Set<ReviewStatus> reviewStatuses, String text,
               LastPartnerActions protectionEnding, PageRequest page) {
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
        if (protectionEnding != null) {
            // Still protecting (open, not denied, not lapsed) and ending soon; won deals protect for good.
            conditions.add("stage IN (:openStages) AND review_status <> 'DENIED' "
                    + "AND last_partner_action_at > :lapsedBy AND last_partner_action_at <= :endsSoonBy");
            params.addValue("openStages", Arrays.stream(DealStage.values()).filter(DealStage::isOpen).map(Enum::name).toList());
            params.addValue("lapsedBy", timestamp(protectionEnding.after()));
            params.addValue("endsSoonBy", timestamp(protectionEnding.atOrBefore()));
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

    /** A page of the deals waiting for a review decision, oldest registration first; withdrawn ones wait for nothing. */
    Page pendingReviews(PageRequest page) {
        String where = " WHERE review_status = 'PENDING' AND stage <> 'WITHDRAWN'";
        long total = jdbc.sql("SELECT COUNT(*) FROM deal_view" + where).query(Long.class).single();
        List<DealState> deals = jdbc.sql("SELECT " + COLUMNS + " FROM deal_view" + where
                        + " ORDER BY registered_at, deal_id LIMIT :limit OFFSET :offset")
                .param("limit", page.size())
                .param("offset", page.offset())
                .query((rs, row) -> state(rs, List.of()))
                .list();
        return new Page(deals, total);
    }

    /** Every deal for any of the customer domains, oldest registration first, without notes. */
    List<DealState> forDomains(Collection<String> domains) {
        if (domains.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM deal_view WHERE domain IN (:domains) ORDER BY registered_at, deal_id")
                .param("domains", domains)
                .query((rs, row) -> state(rs, List.of()))
                .list();
    }

    /** A range of {@code last_partner_action_at}: after one instant, at or before another. */
    record LastPartnerActions(Instant after, Instant atOrBefore) {
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM deal_view_note").update();
        jdbc.sql("DELETE FROM deal_view").update();
    }

    private static DealView.Note note(ResultSet rs) throws SQLException {
        return new DealView.Note(rs.getString("note_id"), rs.getString("author"), rs.getString("note_text"),
                instant(rs, "added_at"));
    }

    private static void bindNote(PreparedStatement statement, NoteRow row) throws SQLException {
        Object[] values = noteValues(row);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i], NOTE_TABLE.get(i).sqlType());
        }
    }

    /** The note's row, column by column as in {@link #NOTE_TABLE}. */
    static Object[] noteValues(NoteRow row) {
        return new Object[] {row.dealId(), row.note().noteId(), row.sequence(), row.note().author(), row.note().text(),
                timestamp(row.note().addedAt())};
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
                nullableInstant(rs, "review_decided_at"),
                rs.getString("decided_by") != null ? ReviewDecider.valueOf(rs.getString("decided_by")) : null,
                rs.getString("withdrawal_reason"),
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

    private static void bindForInsert(PreparedStatement statement, DealState deal) throws SQLException {
        Object[] values = values(deal);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i], TABLE.get(i).sqlType());
        }
    }

    private static void bindForUpdate(PreparedStatement statement, ViewChange<String, DealState> change)
            throws SQLException {
        Object[] values = values(change.current());
        for (int i = 1; i < values.length; i++) {
            statement.setObject(i, values[i], TABLE.get(i).sqlType());
        }
        statement.setObject(values.length, values[0], TABLE.get(0).sqlType());
        statement.setLong(values.length + 1, change.stored().version());
    }

    /** The deal's row, column by column as in {@link #TABLE}. */
    static Object[] values(DealState deal) {
        DealView.CloseWon won = deal.closeWon();
        Settlement settlement = won != null ? won.settlement() : null;
        Money settled = settlement == null ? null
                : settlement.type() == Settlement.Type.PAYOUT_TO_PARTNER ? settlement.payoutToPartner()
                : settlement.invoiceToPartner();
        return new Object[] {
                deal.dealId(),
                deal.partnerId(),
                deal.customer().companyName(),
                deal.customer().contactName(),
                deal.customer().contactEmail(),
                deal.customer().country(),
                deal.domain(),
                deal.estimatedUsers(),
                deal.note(),
                joined(deal.flags()),
                deal.stage().name(),
                deal.reviewStatus().name(),
                deal.denial() != null ? deal.denial().reason().name() : null,
                deal.denial() != null ? deal.denial().comment() : null,
                deal.customerId(),
                won != null ? won.billingOption().name() : null,
                won != null ? won.annualValue().amount() : null,
                won != null ? won.annualValue().currency() : null,
                won != null ? won.commissionRate().toPlainString() : null,
                won != null ? won.commissionAmount().amount() : null,
                settlement != null ? settlement.type().name() : null,
                settled != null ? settled.amount() : null,
                deal.closeLostReason(),
                timestamp(deal.registeredAt()),
                timestamp(deal.lastPartnerActionAt()),
                deal.reviewDecidedAt() != null ? timestamp(deal.reviewDecidedAt()) : null,
                deal.decidedBy() != null ? deal.decidedBy().name() : null,
                deal.withdrawalReason(),
                deal.version()};
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

    private static Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value != null ? value.toInstant() : null;
    }
}
