package com.partnerdeals.api.dashboard;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.customer.TrialsEndingSoon;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.ReviewStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The figures a partner (its own deals) or vendor staff (all, or one partner's) watch.
 *
 * <p>The deal figures come from the deal views, the trials from the customer overview; the dashboard
 * endpoint asks both and combines them.
 *
 * @param dealsByStage        how many deals are in each stage (every stage listed, also with 0)
 * @param dealsByReviewStatus how many deals have each review status (every status listed)
 * @param oldestPendingReview the deal waiting longest for review; null when none waits
 * @param pendingReviews      deals waiting for a review decision (SPEC 12)
 * @param overdueReviews      of those, the ones past their due time
 * @param medianTimeToDecision a partner manager's median time from registration to decision, over the decisions of
 *                            the last 90 days (ISO-8601 duration, e.g. PT26H30M); null without such decisions.
 *                            Auto-accepted deals are decided by rule at once and not counted.
 * @param protectionEndingSoon open deals whose protection ends within the reminder period
 * @param winRate             won / (won + lost), 4 decimals; null while no deal is closed
 * @param commissionTotals    the commission of the won deals, one sum per currency, by currency code
 * @param trialsEndingSoon    the trials ending within 7 days (configurable), soonest first
 */
public record Dashboard(Map<DealStage, Long> dealsByStage,
                        Map<ReviewStatus, Long> dealsByReviewStatus,
                        PendingReview oldestPendingReview,
                        long pendingReviews,
                        long overdueReviews,
                        String medianTimeToDecision,
                        Long protectionEndingSoon,
                        BigDecimal winRate,
                        List<Money> commissionTotals,
                        TrialsEndingSoon trialsEndingSoon) {

    /** The figures the dashboard endpoint adds from other queries: trials ending and protection ending soon. */
    public Dashboard with(TrialsEndingSoon trials, long dealsWithProtectionEndingSoon) {
        return new Dashboard(dealsByStage, dealsByReviewStatus, oldestPendingReview, pendingReviews, overdueReviews,
                medianTimeToDecision, dealsWithProtectionEndingSoon, winRate, commissionTotals, trials);
    }

    public record PendingReview(String dealId, String companyName, Instant registeredAt) {
    }
}
