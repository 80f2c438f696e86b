package org.cloudtrailopensearch.mapper.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text that every match of a uap-core regex must contain: sets of strings such that any string the regex finds a
 * match in contains at least one string of each set. Lets {@link PrefilteredUapParser} skip, for a user agent,
 * every regex with a set none of whose strings it contains, which is most of them, without changing what uap
 * finds.
 *
 * <p>Strings are ASCII case-folded (A-Z to a-z; compare them with {@link #fold} of the input): a case-sensitive
 * match contains the folded string too, and uap compiles its case-insensitive regexes without
 * {@code UNICODE_CASE}, where only ASCII letters match either case. Non-ASCII characters are never part of a
 * derived string.
 *
 * <p>The derivation walks the regex and keeps only what is certain: characters, escaped punctuation, classes
 * listing a few characters ({@code [Ss]}), groups, alternations and fixed repeats of those give finite sets of
 * exact texts, joined in sequence; anything else (ranges, {@code \d}, {@code .}, open repeats) splits the
 * sequence, and each certain piece becomes one set; an alternation gives the union of its branches' most
 * selective sets. Zero-width parts ({@code ^ $ \b}, lookarounds) add nothing to the matched text and join on.
 * A construct it does not know (inline flags, {@code \Q}, back references, class intersections, Unicode
 * escapes, ...) gives no sets: that regex is always tried. So does a regex whose capturing groups it counts
 * differently from {@link Pattern}, as a guard against misreading one.
 */
final class RequiredLiterals {

    /** Caps the texts of a sequence (their number multiplies): past it the sequence is split. */
    private static final int MAX_TEXTS = 64;
    /** Caps the texts of an alternation: uap's bot and device lists have hundreds of branches. */
    private static final int MAX_BRANCHES = 4096;
    /** A class of at most this many characters (after folding) is a set of one-character texts. */
    private static final int MAX_CLASS_CHARACTERS = 8;

    private RequiredLiterals() {
    }

    /**
     * Sets of strings every match meets: for each set, the match contains at least one of its strings. Empty if
     * none could be derived safely. Each set is sorted; sets with an empty string (met by anything) are left out.
     */
    static List<List<String>> of(String regex) {
        List<Set<String>> factors;
        try {
            Reader reader = new Reader(regex);
            Info root = reader.alternation();
            if (!reader.atEnd() || reader.capturingGroups != Pattern.compile(regex).matcher("").groupCount()) {
                return List.of();
            }
            factors = root.allFactors();
        } catch (Unsupported e) {
            return List.of();
        }
        Set<List<String>> sorted = new LinkedHashSet<>();
        for (Set<String> factor : factors) {
            List<String> strings = new ArrayList<>(factor);
            strings.sort(Comparator.naturalOrder());
            sorted.add(List.copyOf(strings));
        }
        return List.copyOf(sorted);
    }

    /** ASCII case folding, the same for derived strings and the text searched. */
    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * What a part of a regex is known to match: {@code exact}, the complete texts it can match (null when not a
     * small finite set); {@code factors}, sets of strings of which its match contains one each.
     */
    private record Info(Set<String> exact, List<Set<String>> factors) {

        static final Info UNKNOWN = new Info(null, List.of());
        static final Info EMPTY = new Info(Set.of(""), List.of());

        /** The most selective single set, or null. */
        Set<String> best() {
            Set<String> best = exact;
            for (Set<String> factor : factors) {
                best = better(best, factor);
            }
            return score(best) < 0 ? null : best;
        }

        List<Set<String>> allFactors() {
            List<Set<String>> all = new ArrayList<>();
            addFactor(all, exact);
            factors.forEach(factor -> addFactor(all, factor));
            return all;
        }
    }

    private static void addFactor(List<Set<String>> factors, Set<String> factor) {
        if (score(factor) > 0) {
            factors.add(factor);
        }
    }

    /** The more selective of two required sets: the longer shortest string, then fewer strings. */
    private static Set<String> better(Set<String> a, Set<String> b) {
        int scoreA = score(a);
        int scoreB = score(b);
        if (scoreA != scoreB) {
            return scoreA > scoreB ? a : b;
        }
        if (scoreA < 0) {
            return null;
        }
        return a.size() <= b.size() ? a : b;
    }

    private static int score(Set<String> set) {
        if (set == null || set.isEmpty()) {
            return -1;
        }
        int shortest = Integer.MAX_VALUE;
        for (String text : set) {
            shortest = Math.min(shortest, text.length());
        }
        return shortest == 0 ? -1 : shortest;
    }

    /** Every text of {@code left} followed by every text of {@code right}, or null past {@link #MAX_TEXTS}. */
    private static Set<String> join(Set<String> left, Set<String> right) {
        if ((long) left.size() * right.size() > MAX_TEXTS) {
            return null;
        }
        Set<String> joined = new LinkedHashSet<>();
        for (String l : left) {
            for (String r : right) {
                joined.add(l + r);
            }
        }
        return joined;
    }

    private static Set<String> union(Set<String> left, Set<String> right) {
        Set<String> union = new LinkedHashSet<>(left);
        union.addAll(right);
        return union.size() > MAX_BRANCHES ? null : union;
    }

    /** A construct the derivation does not handle: the regex gets no strings. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A recursive-descent reading of {@link Pattern}'s syntax, as far as uap-core uses it. */
    private static final class Reader {

        private final String regex;
        private int pos;
        int capturingGroups;

        Reader(String regex) {
            this.regex = regex;
        }

        boolean atEnd() {
            return pos == regex.length();
        }

        private char peek() {
            return regex.charAt(pos);
        }

        private boolean lookingAt(String text) {
            return regex.startsWith(text, pos);
        }

        private char next() throws Unsupported {
            if (atEnd()) {
                throw new Unsupported();
            }
            return regex.charAt(pos++);
        }

        /** Branches separated by {@code |}, up to the end or the {@code )} closing the current group. */
        Info alternation() throws Unsupported {
            Info info = sequence();
            while (!atEnd() && peek() == '|') {
                pos++;
                Info branch = sequence();
                Set<String> exact = info.exact() != null && branch.exact() != null
                        ? union(info.exact(), branch.exact()) : null;
                Set<String> left = info.best();
                Set<String> right = branch.best();
                Set<String> factor = left != null && right != null ? union(left, right) : null;
                info = new Info(exact, factor == null ? List.of() : List.of(factor));
            }
            return info;
        }

        private Info sequence() throws Unsupported {
            Set<String> run = Set.of("");
            List<Set<String>> factors = new ArrayList<>();
            boolean exact = true;
            while (!atEnd() && peek() != '|' && peek() != ')') {
                Info part = quantified(atom());
                Set<String> joined = part.exact() == null ? null : join(run, part.exact());
                if (joined != null) {
                    run = joined;
                    continue;
                }
                exact = false;
                addFactor(factors, run);
                if (part.exact() != null) {
                    run = part.exact();
                } else {
                    factors.addAll(part.factors());
                    run = Set.of("");
                }
            }
            if (exact) {
                return new Info(run, List.of());
            }
            addFactor(factors, run);
            return new Info(null, factors);
        }

        private Info quantified(Info atom) throws Unsupported {
            if (atEnd()) {
                return atom;
            }
            int min;
            int max;
            switch (peek()) {
                case '?' -> {
                    min = 0;
                    max = 1;
                }
                case '*' -> {
                    min = 0;
                    max = Integer.MAX_VALUE;
                }
                case '+' -> {
                    min = 1;
                    max = Integer.MAX_VALUE;
                }
                case '{' -> {
                    pos++;
                    min = number();
                    max = min;
                    if (!atEnd() && peek() == ',') {
                        pos++;
                        max = !atEnd() && peek() == '}' ? Integer.MAX_VALUE : number();
                    }
                    if (next() != '}') {
                        throw new Unsupported();
                    }
                    pos--;
                }
                default -> {
                    return atom;
                }
            }
            pos++;
            if (!atEnd() && (peek() == '?' || peek() == '+')) {
                pos++; // lazy or possessive: the same texts can match, only the choice differs
            }
            if (!atEnd() && "?*+{".indexOf(peek()) >= 0) {
                throw new Unsupported();
            }
            if (min == 0) {
                return max == 1 && atom.exact() != null ? new Info(union(atom.exact(), Set.of("")), List.of()) : Info.UNKNOWN;
            }
            if (min == max && atom.exact() != null) {
                Set<String> repeated = atom.exact();
                for (int i = 1; i < min && repeated != null; i++) {
                    repeated = join(repeated, atom.exact());
                }
                if (repeated != null) {
                    return new Info(repeated, List.of());
                }
            }
            return new Info(null, atom.allFactors());
        }

        private int number() throws Unsupported {
            int start = pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9' && pos - start < 6) {
                pos++;
            }
            if (pos == start) {
                throw new Unsupported();
            }
            return Integer.parseInt(regex.substring(start, pos));
        }

        private Info atom() throws Unsupported {
            char c = next();
            switch (c) {
                case '(':
                    return group();
                case '[':
                    return characterClass();
                case '.':
                    return Info.UNKNOWN;
                case '^':
                case '$':
                    return Info.EMPTY;
                case '\\':
                    return escape();
                case '?':
                case '*':
                case '+':
                case '{':
                    throw new Unsupported();
                default:
                    return literal(c);
            }
        }

        private Info literal(char c) {
            return c < 128 ? new Info(Set.of(String.valueOf(fold(c))), List.of()) : Info.UNKNOWN;
        }

        private Info group() throws Unsupported {
            boolean zeroWidth = false;
            if (lookingAt("?:") || lookingAt("?>")) {
                pos += 2;
            } else if (lookingAt("?=") || lookingAt("?!")) {
                pos += 2;
                zeroWidth = true;
            } else if (lookingAt("?<=") || lookingAt("?<!")) {
                pos += 3;
                zeroWidth = true;
            } else if (lookingAt("?<")) {
                int close = regex.indexOf('>', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                pos = close + 1;
                capturingGroups++;
            } else if (lookingAt("?")) {
                throw new Unsupported(); // inline flags change how the rest matches
            } else {
                capturingGroups++;
            }
            Info inner = alternation();
            if (next() != ')') {
                throw new Unsupported();
            }
            // A lookaround adds no text to the match: whatever it looks at need not be inside it.
            return zeroWidth ? Info.EMPTY : inner;
        }

        private Info escape() throws Unsupported {
            char c = next();
            switch (c) {
                case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V':
                    return Info.UNKNOWN;
                case 'b', 'B', 'A', 'G', 'Z', 'z':
                    if (!atEnd() && peek() == '{') {
                        throw new Unsupported();
                    }
                    return Info.EMPTY;
                case 't':
                    return literal('\t');
                case 'n':
                    return literal('\n');
                case 'r':
                    return literal('\r');
                case 'f':
                    return literal('\f');
                case 'a':
                    return literal('\u0007');
                case 'e':
                    return literal('\u001B');
                default:
                    if (c < 128 && !Character.isLetterOrDigit(c)) {
                        return literal(c);
                    }
                    throw new Unsupported();
            }
        }

        /**
         * A class listing a few characters ({@code [Ss]}, {@code [_.\\-]}) is the set of them, folded. Anything
         * else in it (a range, a negation, a nested class, an escape that is not punctuation) makes it unknown.
         */
        private Info characterClass() throws Unsupported {
            int start = pos;
            skipClass();
            String members = regex.substring(start, pos - 1);
            if (members.isEmpty() || members.charAt(0) == '^') {
                return Info.UNKNOWN;
            }
            Set<String> texts = new LinkedHashSet<>();
            for (int i = 0; i < members.length(); i++) {
                char c = members.charAt(i);
                if (c == '\\' && i + 1 < members.length()) {
                    c = members.charAt(++i);
                    if (c >= 128 || Character.isLetterOrDigit(c)) {
                        return Info.UNKNOWN;
                    }
                } else if (c >= 128 || c == '-' || c == '[' || c == '&' || (c == ']' && i > 0)) {
                    return Info.UNKNOWN;
                }
                texts.add(String.valueOf(fold(c)));
            }
            return texts.size() <= MAX_CLASS_CHARACTERS ? new Info(texts, List.of()) : Info.UNKNOWN;
        }

        /**
         * Moves past a character class, nested classes included. As in {@link Pattern}, a {@code ]} first in a
         * class (after {@code [} or {@code [^}) is a member, not the end.
         */
        private void skipClass() throws Unsupported {
            int depth = 1;
            boolean first = true;
            if (!atEnd() && peek() == '^') {
                pos++;
            }
            while (depth > 0) {
                char c = next();
                if (c == '\\') {
                    if (next() == 'Q') {
                        throw new Unsupported();
                    }
                } else if (c == '[') {
                    depth++;
                    if (!atEnd() && peek() == '^') {
                        pos++;
                    }
                    first = true;
                    continue;
                } else if (c == ']' && !first) {
                    depth--;
                } else if (c == '&' && !atEnd() && peek() == '&') {
                    throw new Unsupported();
                }
                first = false;
            }
        }
    }
}
