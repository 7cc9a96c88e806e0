package com.partnerdeals.query.deal;

import com.partnerdeals.api.deal.DealView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The deal views that one batch of events changes: read once (for all the batch's deals in one go), folded in
 * memory event by event, and stored together when the batch commits. Confined to the thread processing the
 * batch; a segment's events, and so a deal's, are only ever in one batch at a time.
 */
final class DealViewBatch {

    private final DealViewRepository deals;
    private final Set<String> read = new HashSet<>();
    /** The views as they are in the tables; a deal without a view is absent. */
    private final Map<String, DealState> stored = new HashMap<>();
    /** The views as the batch's events have left them so far. */
    private final Map<String, DealState> current = new HashMap<>();
    private final List<DealViewRepository.NoteRow> addedNotes = new ArrayList<>();
    /** Notes whose text changed: only a redaction does that (SPEC 11). */
    private final List<DealViewRepository.NoteRow> changedNotes = new ArrayList<>();

    DealViewBatch(DealViewRepository deals) {
        this.deals = deals;
    }

    /** Reads the views of those deals not read yet, in one go. */
    void read(Collection<String> dealIds) {
        List<String> unread = dealIds.stream().filter(id -> !read.contains(id)).distinct().toList();
        if (unread.isEmpty()) {
            return;
        }
        Map<String, DealState> found = deals.findAll(unread);
        stored.putAll(found);
        current.putAll(found);
        read.addAll(unread);
    }

    /** One step of the fold: {@code step} gets the deal's view so far (null if none) and answers the next. */
    void change(String dealId, UnaryOperator<DealState> step) {
        read(List.of(dealId));
        DealState before = current.get(dealId);
        DealState after = step.apply(before);
        if (after == before) {
            return;
        }
        current.put(dealId, after);
        List<DealView.Note> earlier = before != null ? before.notes() : List.of();
        Set<String> earlierIds = earlier.stream().map(DealView.Note::noteId).collect(Collectors.toSet());
        after.notes().stream()
                .filter(note -> !earlier.contains(note))
                .forEach(note -> (earlierIds.contains(note.noteId()) ? changedNotes : addedNotes)
                        .add(new DealViewRepository.NoteRow(dealId, note, after.version())));
    }

    /** Stores every change of the batch: new views, changed views, added and changed notes. */
    void store() {
        List<DealState> inserted = new ArrayList<>();
        List<DealState> updated = new ArrayList<>();
        current.forEach((dealId, state) -> {
            DealState before = stored.get(dealId);
            if (before == null) {
                inserted.add(state);
            } else if (!Objects.equals(before, state)) {
                updated.add(state);
            }
        });
        deals.saveAll(inserted, updated, addedNotes, changedNotes);
    }
}
