package org.cloudtrailopensearch.loader.run;

import org.cloudtrailopensearch.loader.read.SourceRecord;

/** What travels with a document through the sink, so that its outcome ends the right record of the right object. */
record DocumentOrigin(SourceRecord record, ObjectProgress object) {
}
