package org.cloudtrailopensearch.mapper.rules;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of many numbered rules may apply to a text, found in one pass over it. A rule has clauses, each a set
 * of strings of which the text must contain at least one; it may apply when every clause is met, and always
 * when it has none. Strings are at least two ASCII characters, case-folded with {@link RequiredLiterals#fold};
 * the text is folded the same way as it is read.
 *
 * <p>Strings are indexed by their first two characters, so each position of the text looks up one small bucket
 * and compares only the strings that start there; the bucket holds their next two characters too, so that most
 * are ruled out without reading the string. For a few thousand short strings over texts of a few hundred
 * characters this is as fast as an Aho-Corasick automaton and much smaller; the one on Maven Central
 * ({@code org.ahocorasick}) boxes every character and allocates per hit.
 */
final class LiteralIndex {

    private static final int ASCII = 128;

    private final char[][] strings;
    /** By the first two characters ({@code c0 * 128 + c1}), the numbers of the strings that start with them. */
    private final int[][] byPrefix;
    /** Beside {@link #byPrefix}: each string's third and fourth characters (high 32 bits: which of them it has). */
    private final long[][] nextByPrefix;
    /** By string number, the clauses it meets. */
    private final int[][] clausesOf;
    /** By clause number, its rule. */
    private final int[] ruleOf;
    /** By rule number, how many clauses it has. */
    private final int[] clauseCount;
    /** The rules with no clauses. */
    private final BitSet alwaysApply;

    /** @param clausesOfRule by rule number, its clauses (none: always applies) */
    LiteralIndex(List<List<List<String>>> clausesOfRule) {
        Map<String, List<Integer>> clausesByString = new HashMap<>();
        List<String> order = new ArrayList<>();
        List<Integer> rules = new ArrayList<>();
        clauseCount = new int[clausesOfRule.size()];
        alwaysApply = new BitSet(clausesOfRule.size());
        for (int rule = 0; rule < clausesOfRule.size(); rule++) {
            List<List<String>> clauses = clausesOfRule.get(rule);
            clauseCount[rule] = clauses.size();
            if (clauses.isEmpty()) {
                alwaysApply.set(rule);
            }
            for (List<String> clause : clauses) {
                int clauseNumber = rules.size();
                rules.add(rule);
                for (String string : clause) {
                    if (string.length() < 2 || !isFoldedAscii(string)) {
                        throw new IllegalArgumentException("not a folded ASCII string of two or more characters: " + string);
                    }
                    List<Integer> clausesOfString = clausesByString.computeIfAbsent(string, s -> {
                        order.add(s);
                        return new ArrayList<>();
                    });
                    if (!clausesOfString.contains(clauseNumber)) {
                        clausesOfString.add(clauseNumber);
                    }
                }
            }
        }
        ruleOf = rules.stream().mapToInt(Integer::intValue).toArray();
        strings = new char[order.size()][];
        clausesOf = new int[order.size()][];
        List<List<Integer>> buckets = new ArrayList<>(ASCII * ASCII);
        for (int i = 0; i < ASCII * ASCII; i++) {
            buckets.add(null);
        }
        for (int id = 0; id < order.size(); id++) {
            String string = order.get(id);
            strings[id] = string.toCharArray();
            clausesOf[id] = clausesByString.get(string).stream().mapToInt(Integer::intValue).toArray();
            int prefix = string.charAt(0) * ASCII + string.charAt(1);
            if (buckets.get(prefix) == null) {
                buckets.set(prefix, new ArrayList<>());
            }
            buckets.get(prefix).add(id);
        }
        byPrefix = new int[ASCII * ASCII][];
        nextByPrefix = new long[ASCII * ASCII][];
        for (int prefix = 0; prefix < byPrefix.length; prefix++) {
            if (buckets.get(prefix) != null) {
                byPrefix[prefix] = buckets.get(prefix).stream().mapToInt(Integer::intValue).toArray();
                nextByPrefix[prefix] = new long[byPrefix[prefix].length];
                for (int i = 0; i < byPrefix[prefix].length; i++) {
                    char[] string = strings[byPrefix[prefix][i]];
                    long mask = string.length >= 4 ? 0xFFFF_FFFFL : string.length == 3 ? 0xFFFF_0000L : 0;
                    nextByPrefix[prefix][i] = mask << 32 | (nextTwo(string, 0) & mask);
                }
            }
        }
    }

    /** The numbers of the rules that may apply to {@code text}. */
    BitSet candidates(String text) {
        BitSet found = new BitSet(strings.length);
        BitSet met = new BitSet(ruleOf.length);
        char[] folded = new char[text.length()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = RequiredLiterals.fold(text.charAt(i));
        }
        for (int at = 0; at + 1 < folded.length; at++) {
            char first = folded[at];
            char second = folded[at + 1];
            if (first >= ASCII || second >= ASCII) {
                continue;
            }
            int[] bucket = byPrefix[first * ASCII + second];
            if (bucket == null) {
                continue;
            }
            long[] nextOfBucket = nextByPrefix[first * ASCII + second];
            long next = nextTwo(folded, at);
            for (int i = 0; i < bucket.length; i++) {
                long expected = nextOfBucket[i];
                if ((next & (expected >>> 32)) != (expected & 0xFFFF_FFFFL)) {
                    continue;
                }
                int id = bucket[i];
                if (!found.get(id) && startsWith(folded, at, strings[id])) {
                    found.set(id);
                    for (int clause : clausesOf[id]) {
                        met.set(clause);
                    }
                }
            }
        }
        BitSet rules = (BitSet) alwaysApply.clone();
        int[] metCount = new int[clauseCount.length];
        for (int clause = met.nextSetBit(0); clause >= 0; clause = met.nextSetBit(clause + 1)) {
            int rule = ruleOf[clause];
            if (++metCount[rule] == clauseCount[rule]) {
                rules.set(rule);
            }
        }
        return rules;
    }

    /** The third and fourth characters from {@code at}, as {@code c2 << 16 | c3}; 0 for those past the end. */
    private static long nextTwo(char[] text, int at) {
        long third = at + 2 < text.length ? text[at + 2] : 0;
        long fourth = at + 3 < text.length ? text[at + 3] : 0;
        return third << 16 | fourth;
    }

    private static boolean startsWith(char[] text, int at, char[] string) {
        if (at + string.length > text.length) {
            return false;
        }
        for (int i = 2; i < string.length; i++) {
            if (text[at + i] != string[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFoldedAscii(String string) {
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (c >= ASCII || RequiredLiterals.fold(c) != c) {
                return false;
            }
        }
        return true;
    }
}
