package com.partnerdeals.query.partner;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.partner.FindPartner;
import com.partnerdeals.api.partner.ListPartners;
import com.partnerdeals.api.partner.PartnerView;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers from {@code partner_view}. A partner sees only itself; another partner is not found. */
@Component
class PartnerQueries {

    private static final String COLUMNS = "partner_id, name, domains, commission_rate, active, auto_accept, registered_at, version";

    private final JdbcClient jdbc;

    PartnerQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    PartnerView handle(FindPartner query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partner_view WHERE partner_id = :partnerId")
                .param("partnerId", query.partnerId())
                .query((rs, row) -> view(rs))
                .optional()
                .filter(partner -> query.viewer().maySee(partner.partnerId()))
                .orElseThrow(() -> RuleViolation.notFound("No partner " + query.partnerId()));
    }

    /** Every partner for vendor staff, by id; a partner gets a list holding only itself. */
    @QueryHandler
    List<PartnerView> handle(ListPartners query) {
        Viewer viewer = query.viewer();
        if (viewer.isVendorStaff()) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM partner_view ORDER BY partner_id")
                    .query((rs, row) -> view(rs))
                    .list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM partner_view WHERE partner_id = :partnerId")
                .param("partnerId", viewer.partnerId())
                .query((rs, row) -> view(rs))
                .list();
    }

    private static PartnerView view(ResultSet rs) throws SQLException {
        String domains = rs.getString("domains");
        return new PartnerView(rs.getString("partner_id"), rs.getString("name"),
                domains.isEmpty() ? List.of() : Arrays.asList(domains.split(" ")),
                new BigDecimal(rs.getString("commission_rate")), rs.getBoolean("active"),
                rs.getBoolean("auto_accept"), rs.getObject("registered_at", OffsetDateTime.class).toInstant(), rs.getLong("version"));
    }
}
