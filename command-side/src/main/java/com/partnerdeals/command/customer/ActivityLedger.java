package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.Activity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every activity id each customer account has recorded. Written by the Trial's command handler in the
 * command's transaction; the primary key makes "is this activity new?" race-free: a concurrent retry of the
 * same batch waits for the first and then finds its activities taken.
 */
@Component
public class ActivityLedger {

    private final JdbcTemplate jdbc;

    public ActivityLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the activities and answers those that are new to the account, in batch order. */
    public List<Activity> recordNew(String customerId, List<Activity> activities) {
        if (activities.isEmpty()) {
            return List.of();
        }
        int[] inserted = jdbc.batchUpdate(
                "INSERT INTO customer_activity_ledger (customer_id, activity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                activities, activities.size(), (statement, activity) -> {
                    statement.setString(1, customerId);
                    statement.setString(2, activity.activityId());
                })[0];
        List<Activity> fresh = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            if (inserted[i] > 0) {
                fresh.add(activities.get(i));
            }
        }
        return fresh;
    }
}
