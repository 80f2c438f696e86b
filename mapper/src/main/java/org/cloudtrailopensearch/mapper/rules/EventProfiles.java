package org.cloudtrailopensearch.mapper.rules;

/**
 * What the mapping takes from an event's source and name alone (its categorisation, the request fields that
 * name its targets, the payload paths of its dedicated fields), worked out once per distinct pair and cached: a trail has a few hundred distinct API calls,
 * and deriving these takes table lookups, regex matches and string slicing that would otherwise run per record.
 */
final class EventProfiles {

    /**
     * The derived facts of one event; {@code entityRules} is null when the actor/target fields are off;
     * {@code requestFields} are the dedicated payload fields of the event's service (possibly none).
     */
    record Profile(EventCategorizer.Categorization categorization, ActorTargetFields.EventRules entityRules,
            RequestFields.Field[] requestFields) {
    }

    private record Key(String eventSource, String eventName) {
    }

    /** Far above the distinct API calls of any real trail; bounds memory against made-up event names. */
    private static final int CAPACITY = 20_000;

    private final EventCategorizer categorizer;
    private final ActorTargetFields actorTargetFields;
    private final RequestFields requestFields;
    private final BoundedCache<Key, Profile> cache = new BoundedCache<>(CAPACITY);

    EventProfiles(EventCategorizer categorizer, ActorTargetFields actorTargetFields, RequestFields requestFields) {
        this.categorizer = categorizer;
        this.actorTargetFields = actorTargetFields;
        this.requestFields = requestFields;
    }

    Profile of(String eventSource, String eventName) {
        return cache.get(new Key(eventSource, eventName), key -> new Profile(
                categorizer.categorize(eventSource, eventName),
                actorTargetFields == null ? null : actorTargetFields.rulesFor(eventSource, eventName),
                requestFields.fieldsFor(eventSource)));
    }
}
