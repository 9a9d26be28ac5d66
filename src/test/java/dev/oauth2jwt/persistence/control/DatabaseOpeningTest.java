package dev.oauth2jwt.persistence.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oauth2jwt.testing.TaskExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseOpeningTest {

    /** A database whose opening is counted; {@code failing}: it cannot be opened. */
    static final class CountedDatabase extends Database {
        final AtomicInteger openings = new AtomicInteger();
        boolean failing;

        @Override
        public boolean isReachable() {
            openings.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("no database here");
            }
            return true;
        }
    }

    final CountedDatabase database = new CountedDatabase();
    final List<Runnable> submitted = new ArrayList<>();
    final DatabaseOpening opening = new DatabaseOpening();

    DatabaseOpeningTest() {
        opening.database = database;
        opening.executor = TaskExecutors.handingTasksTo(submitted::add);
    }

    @Test
    void theStartHandsTheOpeningToTheExecutorAndWaitsForNothing() {
        opening.atStart(new Object());
        assertEquals(0, database.openings.get(), "not in the start-up observer's thread");
        assertEquals(1, submitted.size());

        submitted.get(0).run();
        assertEquals(1, database.openings.get());
    }

    @Test
    void aDatabaseThatCannotBeOpenedYetIsLoggedNotThrownIntoTheExecutor() {
        database.failing = true;
        opening.atStart(new Object());
        assertDoesNotThrow(() -> submitted.get(0).run());
        assertEquals(1, database.openings.get());
    }
}
