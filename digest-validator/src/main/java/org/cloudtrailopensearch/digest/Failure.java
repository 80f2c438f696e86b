package org.cloudtrailopensearch.digest;

/**
 * One failed check with what was expected and what was found (either may be null when not applicable).
 *
 * @param check    which check failed
 * @param expected expected value (e.g. the hash named by the digest)
 * @param actual   actual value (e.g. the hash computed)
 * @param detail   human explanation
 */
public record Failure(Check check, String expected, String actual, String detail) {

    static Failure of(Check check, String detail) {
        return new Failure(check, null, null, detail);
    }
}
