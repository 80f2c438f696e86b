package org.cloudtrailopensearch.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.cloudtrailopensearch.loader.source.LogObject;
import org.cloudtrailopensearch.loader.state.LoadState;
import org.junit.jupiter.api.Test;

class ObjectCompletionTest {

    private final List<String> marked = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final LoadState recording = new LoadState() {
        @Override
        public boolean isDone(LogObject object) {
            return false;
        }

        @Override
        public void markDone(LogObject object) {
            marked.add(object.name());
            events.add("mark " + object.name());
        }

        @Override
        public void close() {
        }
    };

    private static LogObject object(String name) {
        return new LogObject(name, name, 1, "v", () -> new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void anObjectIsDoneOnlyWhenReadAndEveryDocumentSettled() {
        ObjectCompletion completion = new ObjectCompletion(recording, () -> events.add("flush dead letters"));
        LogObject a = object("a");
        completion.readingStarted(a);
        completion.documentSent("a");
        completion.documentSent("a");
        completion.documentSettled("a");
        completion.readingFinished(a);
        assertEquals(List.of(), marked, "one document is still in flight");
        completion.documentSettled("a");
        assertEquals(List.of("a"), marked);
        assertEquals(List.of("flush dead letters", "mark a"), events, "dead letters are safe before the mark");
    }

    @Test
    void anObjectWithoutDocumentsIsDoneWhenRead() {
        ObjectCompletion completion = new ObjectCompletion(recording, () -> { });
        LogObject empty = object("empty");
        completion.readingStarted(empty);
        completion.readingFinished(empty);
        assertEquals(List.of("empty"), marked);
    }

    @Test
    void documentsSettledBeforeTheReadingEndsDoNotFinishTheObjectEarly() {
        ObjectCompletion completion = new ObjectCompletion(recording, () -> { });
        LogObject a = object("a");
        completion.readingStarted(a);
        completion.documentSent("a");
        completion.documentSettled("a");
        assertEquals(List.of(), marked);
        completion.readingFinished(a);
        assertEquals(List.of("a"), marked);
    }

    @Test
    void anObjectReadTwiceInOneRunIsDoneWhenBothReadingsAre() {
        ObjectCompletion completion = new ObjectCompletion(recording, () -> { });
        LogObject a = object("a");
        completion.readingStarted(a);
        completion.documentSent("a");
        completion.readingFinished(a);
        completion.readingStarted(a);
        completion.documentSettled("a");
        assertEquals(List.of(), marked, "the second reading is still going on");
        completion.readingFinished(a);
        assertEquals(List.of("a"), marked);
    }
}
