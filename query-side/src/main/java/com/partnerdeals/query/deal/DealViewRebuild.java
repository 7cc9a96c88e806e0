package com.partnerdeals.query.deal;

import com.partnerdeals.api.deal.DealEvent;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.query.ProjectionConfiguration;
import com.partnerdeals.query.projections.FoldedReadModel;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * The deal views as a bulk rebuild sees them: the same fold as {@link DealProjection} ({@link DealState#next}),
 * over every deal at once in memory, then one row per deal and one per note.
 */
@Component
class DealViewRebuild implements FoldedReadModel {

    private static final Table DEAL_VIEW = new Table("deal_view", "deal_id", DealViewRepository.TABLE);
    private static final Table DEAL_VIEW_NOTE = new Table("deal_view_note", "deal_id", DealViewRepository.NOTE_TABLE);

    private final DealProjection projection;

    DealViewRebuild(DealProjection projection) {
        this.projection = projection;
    }

    @Override
    public void tablesReplaced() {
        projection.viewsReplaced();
    }

    @Override
    public String processingGroup() {
        return ProjectionConfiguration.DEAL_VIEWS;
    }

    @Override
    public List<Table> tables() {
        return List.of(DEAL_VIEW, DEAL_VIEW_NOTE);
    }

    @Override
    public Fold newFold() {
        return new DealsFold();
    }

    private static final class DealsFold implements Fold {

        private final Map<String, DealState> deals = new HashMap<>();
        /** Per deal with notes: the sequence number of the event that added each note (the notes' order). */
        private final Map<String, Map<String, Long>> noteSequences = new HashMap<>();

        @Override
        public Object apply(EventMessage<?> event) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)
                    || !DealEvent.class.isAssignableFrom(event.getPayloadType())) {
                return null;
            }
            DealEvent dealEvent = (DealEvent) event.getPayload();
            String dealId = dealEvent.dealId();
            DealState before = deals.get(dealId);
            DealState after = DealState.next(before, dealEvent, domainEvent.getSequenceNumber(), event.getTimestamp());
            if (after == before) {
                return null;
            }
            deals.put(dealId, after);
            if (before == null || after.notes() != before.notes()) {
                after.notes().forEach(note -> noteSequences.computeIfAbsent(dealId, id -> new HashMap<>())
                        .putIfAbsent(note.noteId(), after.version()));
            }
            return dealId;
        }

        @Override
        public void rows(Table table, Collection<Object> keys, Consumer<Object[]> row) {
            Consumer<DealState> rowsOfDeal = DEAL_VIEW.equals(table)
                    ? deal -> row.accept(DealViewRepository.values(deal))
                    : deal -> noteRows(deal, row);
            if (keys == null) {
                deals.values().forEach(rowsOfDeal);
            } else {
                keys.stream().map(deals::get).filter(Objects::nonNull).forEach(rowsOfDeal);
            }
        }

        private void noteRows(DealState deal, Consumer<Object[]> row) {
            for (DealView.Note note : deal.notes()) {
                long sequence = noteSequences.get(deal.dealId()).get(note.noteId());
                row.accept(DealViewRepository.noteValues(new DealViewRepository.NoteRow(deal.dealId(), note, sequence)));
            }
        }
    }
}
