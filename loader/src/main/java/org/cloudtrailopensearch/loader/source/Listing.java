package org.cloudtrailopensearch.loader.source;

import java.util.ArrayList;
import java.util.List;

/**
 * What a source lists: the log objects to load, and the objects it passed over with the reason (a digest signature
 * sidecar, a key list, an empty file), so that a report can count them instead of losing them from view.
 */
public record Listing(List<LogObject> objects, List<SkippedObject> skipped) {

    public Listing {
        objects = List.copyOf(objects);
        skipped = List.copyOf(skipped);
    }

    public static Listing of(List<LogObject> objects) {
        return new Listing(objects, List.of());
    }

    /** This listing followed by {@code other}. */
    public Listing plus(Listing other) {
        List<LogObject> allObjects = new ArrayList<>(objects);
        allObjects.addAll(other.objects);
        List<SkippedObject> allSkipped = new ArrayList<>(skipped);
        allSkipped.addAll(other.skipped);
        return new Listing(allObjects, allSkipped);
    }

    /** An object a source did not load, and why ({@code reason} is a stable upper-case code). */
    public record SkippedObject(String name, String reason) {
    }
}
