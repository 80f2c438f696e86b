package org.cloudtrailopensearch.loader.validate;

/** What {@code load} does with the digest validator's verdict on each log file. */
public enum IntegrityMode {
    /** Do not validate. */
    OFF,
    /** Index every file, and record its verdict in {@code aws.cloudtrail.log_file.integrity}. */
    MARK,
    /** Index only files proven unaltered ({@code VALID}); count the records of the others as skipped. */
    REFUSE
}
