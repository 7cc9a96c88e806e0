package com.partnerdeals.platform.personal;

import com.partnerdeals.api.personal.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an event type holds personal data: the components marked {@link PersonalData}, found once per type by
 * walking its record components (nested records included), as paths of JSON property names from the root.
 */
public final class PersonalDataFields {

    /** One marked component: its path, whose data it is, and the paths of the values that name the subject. */
    record Field(List<String> path, PersonalData.Subject subject, List<List<String>> keyedBy, boolean optional) {
    }

    private static final Map<Class<?>, List<Field>> BY_TYPE = new ConcurrentHashMap<>();

    private PersonalDataFields() {
    }

    static List<Field> of(Class<?> type) {
        return BY_TYPE.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            collect(t, List.of(), fields);
            return List.copyOf(fields);
        });
    }

    /** Whether values of this type hold personal data at all. */
    public static boolean holdPersonalData(Class<?> type) {
        return !of(type).isEmpty();
    }

    /**
     * The subjects whose data is gone from this event: a required personal value that reads back null (its key was
     * erased). Audit answers show it, e.g. {@code personalDataErased} for a contact, {@code redacted} for a note.
     */
    public static Set<PersonalData.Subject> erasedIn(Object event) {
        Set<PersonalData.Subject> erased = EnumSet.noneOf(PersonalData.Subject.class);
        if (event == null) {
            return erased;
        }
        for (Field field : of(event.getClass())) {
            if (!field.optional() && valueAt(event, field.path()) == null) {
                erased.add(field.subject());
            }
        }
        return erased;
    }

    private static void collect(Class<?> type, List<String> prefix, List<Field> into) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            List<String> path = append(prefix, component.getName());
            PersonalData marker = component.getAnnotation(PersonalData.class);
            if (marker != null) {
                if (component.getType() != String.class) {
                    throw new IllegalStateException("@PersonalData marks text only: " + type.getName() + "." + component.getName());
                }
                List<List<String>> keyedBy = Arrays.stream(marker.keyedBy())
                        .map(relative -> concat(prefix, Arrays.asList(relative.split("\\."))))
                        .toList();
                into.add(new Field(path, marker.subject(), keyedBy, marker.optional()));
            } else if (component.getType().isRecord() && component.getType() != type) {
                collect(component.getType(), path, into);
            }
        }
    }

    private static Object valueAt(Object value, List<String> path) {
        Object current = value;
        for (String name : path) {
            if (current == null) {
                return null;
            }
            current = component(current, name);
        }
        return current;
    }

    private static Object component(Object record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    private static List<String> append(List<String> prefix, String name) {
        return concat(prefix, List.of(name));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
