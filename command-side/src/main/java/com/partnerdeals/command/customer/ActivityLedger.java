package com.partnerdeals.command.customer;

import com.partnerdeals.api.customer.Activity;
import com.partnerdeals.platform.randomness.ThreadSecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * Records the activities and answers those that are new to the account, in batch order (an activity
     * repeated within the batch counts once). The rows this call inserted carry its own mark; reading them
     * back tells new from known, also when a concurrent retry of the same batch races this one (the primary
     * key lets only one of them insert each activity).
     */
    public List<Activity> recordNew(String customerId, List<Activity> activities) {
        if (activities.isEmpty()) {
            return List.of();
        }
        String recording = ThreadSecureRandom.randomUuid().toString();
        jdbc.batchUpdate("""
                        INSERT INTO customer_activity_ledger (customer_id, activity_id, recorded_by) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                activities, activities.size(), (statement, activity) -> {
                    statement.setString(1, customerId);
                    statement.setString(2, activity.activityId());
                    statement.setString(3, recording);
                });
        Set<String> inserted = new HashSet<>(jdbc.queryForList(
                "SELECT activity_id FROM customer_activity_ledger WHERE customer_id = ? AND recorded_by = ?",
                String.class, customerId, recording));
        List<Activity> fresh = new ArrayList<>();
        for (Activity activity : activities) {
            if (inserted.remove(activity.activityId())) {
                fresh.add(activity);
            }
        }
        return fresh;
    }
}
