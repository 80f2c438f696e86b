package org.cloudtrailopensearch.loader.read;

/** Receives what a {@link CloudTrailFileReader} finds, in order. */
public interface RecordVisitor {

    void onRecord(SourceRecord record);

    void onFailure(ReadFailure failure);
}
