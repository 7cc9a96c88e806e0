package com.partnerdeals.platform.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL pass of the suite needs a server on localhost:5432. On a developer machine without one
 * the pass is skipped with a message; under CI ({@code CI=true}) it runs and fails, so the production
 * database is never silently left untested.
 */
public class PostgresAvailable implements ExecutionCondition {

    static final String SKIPPED = "PostgreSQL pass skipped: no server on localhost:5432 (start one, see README)";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return skipPostgresPass()
                ? ConditionEvaluationResult.disabled(SKIPPED)
                : ConditionEvaluationResult.enabled("database available");
    }

    /** True in the PostgreSQL pass on a machine without PostgreSQL, unless under CI. */
    public static boolean skipPostgresPass() {
        return PostgresSchema.POSTGRES
                && !"true".equalsIgnoreCase(System.getenv("CI"))
                && !reachable();
    }

    /** For tests that open the database themselves rather than through {@code @ServiceTest}. */
    public static void assumeDatabase() {
        org.junit.jupiter.api.Assumptions.assumeFalse(skipPostgresPass(), SKIPPED);
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", 5432), 500);
            return true;
        } catch (IOException unreachable) {
            return false;
        }
    }
}
