package com.partnerdeals.command.partner;

import com.partnerdeals.api.partner.PartnerRegistered;
import com.partnerdeals.api.partner.PartnerUpdated;
import com.partnerdeals.command.CommandLookups;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's view of registered partners: their own domains, the commission rate in force and
 * whether they are active. Kept in step with the Partner events inside the same transaction.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
public class PartnerDirectory {

    /** What the deal rules need to know about a partner. */
    public record Entry(String partnerId, Set<String> domains, BigDecimal commissionRate, boolean active,
                        boolean autoAccept) {
    }

    private final JdbcClient jdbc;

    public PartnerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String partnerId) {
        return jdbc.sql("""
                        SELECT partner_id, domains, commission_rate, active, auto_accept FROM partner_directory
                        WHERE partner_id = ?""")
                .param(partnerId)
                .query((rs, row) -> new Entry(rs.getString(1),
                        Set.copyOf(Arrays.asList(rs.getString(2).split(" "))),
                        naturalScale(rs.getBigDecimal(3)), rs.getBoolean(4), rs.getBoolean(5)))
                .optional();
    }

    /** Whether the partner is registered and active: a deactivated partner's users may only read and add notes. */
    public boolean isActive(String partnerId) {
        return find(partnerId).map(Entry::active).orElse(false);
    }

    /** The column keeps four decimals; a rate reads as written (0.20, 0.155), with at least two. */
    private static BigDecimal naturalScale(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }

    @EventHandler
    void on(PartnerRegistered event) {
        jdbc.sql("""
                        INSERT INTO partner_directory (partner_id, domains, commission_rate, active, auto_accept)
                        VALUES (?, ?, ?, TRUE, ?)""")
                .params(event.partnerId(), joined(event.domains()), event.commissionRate(), event.autoAccept())
                .update();
    }

    @EventHandler
    void on(PartnerUpdated event) {
        jdbc.sql("UPDATE partner_directory SET domains = ?, commission_rate = ?, active = ?, auto_accept = ? WHERE partner_id = ?")
                .params(joined(event.domains()), event.commissionRate(), event.active(), event.autoAccept(),
                        event.partnerId())
                .update();
    }

    private static String joined(Set<String> domains) {
        return new TreeSet<>(domains).stream().collect(Collectors.joining(" "));
    }
}
