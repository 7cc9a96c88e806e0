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
 * @param winRate             won / (won + lost), 4 decimals; null while no deal is closed
 * @param commissionTotals    the commission of the won deals, one sum per currency, by currency code
 * @param trialsEndingSoon    the trials ending within 7 days (configurable), soonest first
 */
public record Dashboard(Map<DealStage, Long> dealsByStage,
                        Map<ReviewStatus, Long> dealsByReviewStatus,
                        PendingReview oldestPendingReview,
                        BigDecimal winRate,
                        List<Money> commissionTotals,
                        TrialsEndingSoon trialsEndingSoon) {

    public Dashboard withTrialsEndingSoon(TrialsEndingSoon trials) {
        return new Dashboard(dealsByStage, dealsByReviewStatus, oldestPendingReview, winRate, commissionTotals, trials);
    }

    public record PendingReview(String dealId, String companyName, Instant registeredAt) {
    }
}
