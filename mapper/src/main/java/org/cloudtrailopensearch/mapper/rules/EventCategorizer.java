package org.cloudtrailopensearch.mapper.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code event.category} / {@code event.type} for any CloudTrail event. The explicit table (Elastic's list and
 * our additions) wins; other names are categorised by service + noun ({@code categorization-rules.tsv}) and
 * typed by their leading verb ({@code verb-types.tsv}). All knowledge lives in those resource files.
 */
final class EventCategorizer {

    /** How an event got its category; the coverage test counts these. */
    enum Basis { TABLE, RULE, FALLBACK, NONE }

    record Categorization(List<String> categories, List<String> types, Basis basis) {
    }

    private static final Pattern VERSION_SUFFIX = Pattern.compile("\\d{8}(v\\d+)?$");
    private static final String AWS_SUFFIX = ".amazonaws.com";
    private static final Categorization UNCATEGORISED = new Categorization(List.of(), List.of("info"), Basis.NONE);

    private final Map<String, Categorization> table = new HashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<Verb> verbs = new ArrayList<>();

    private record Rule(String service, Pattern noun, String category, List<String> extraTypes) {
    }

    private record Verb(String prefix, List<String> types) {
    }

    EventCategorizer() {
        for (String[] row : readTable("event-categories.tsv", 3)) {
            table.put(row[0], new Categorization(split(row[1]), split(row[2]), Basis.TABLE));
        }
        for (String[] row : readTable("categorization-rules.tsv", 3)) {
            rules.add(new Rule(row[0], Pattern.compile(row[1]), row[2], row.length > 3 ? split(row[3]) : List.of()));
        }
        for (String[] row : readTable("verb-types.tsv", 2)) {
            verbs.add(new Verb(row[0], split(row[1])));
        }
        verbs.sort(Comparator.comparingInt((Verb v) -> v.prefix().length()).reversed());
    }

    /** Not cached here: the mapper asks once per distinct event (see EventProfiles). */
    Categorization categorize(String eventSource, String eventName) {
        if (eventName == null) {
            return UNCATEGORISED;
        }
        Categorization explicit = table.get(eventName);
        if (explicit != null) {
            return explicit;
        }
        if (eventSource == null || !eventSource.endsWith(AWS_SUFFIX)) {
            return UNCATEGORISED;
        }
        return derive(eventSource, eventName);
    }

    private Categorization derive(String eventSource, String eventName) {
        String service = eventSource.substring(0, eventSource.length() - AWS_SUFFIX.length());
        String name = VERSION_SUFFIX.matcher(eventName).replaceFirst("");
        Verb verb = leadingVerb(name);
        String noun = verb == null ? name : name.substring(verb.prefix().length());
        List<String> verbTypes = verb == null ? List.of("info") : verb.types();
        for (Rule rule : rules) {
            boolean serviceMatches = rule.service().equals("*") || rule.service().equals(service);
            if (serviceMatches && rule.noun().matcher(noun).matches()) {
                List<String> types = new ArrayList<>(rule.extraTypes());
                for (String type : verbTypes) {
                    if (!types.contains(type)) {
                        types.add(type);
                    }
                }
                Basis basis = rule.service().equals("*") ? Basis.FALLBACK : Basis.RULE;
                return new Categorization(List.of(rule.category()), List.copyOf(types), basis);
            }
        }
        return new Categorization(List.of(), verbTypes, Basis.NONE);
    }

    private Verb leadingVerb(String name) {
        for (Verb verb : verbs) {
            String prefix = verb.prefix();
            if (name.startsWith(prefix)
                    && (name.length() == prefix.length() || !Character.isLowerCase(name.charAt(prefix.length())))) {
                return verb;
            }
        }
        return null;
    }

    private static List<String> split(String commaSeparated) {
        return commaSeparated.isBlank() ? List.of() : List.copyOf(Arrays.asList(commaSeparated.trim().split("\\s*,\\s*")));
    }

    static List<String[]> readTable(String resource, int minColumns) {
        return RuleTable.read(resource, minColumns).stream().map(RuleTable.Row::columns).toList();
    }
}
