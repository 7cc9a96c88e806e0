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

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"postgres".equals(System.getProperty("test.database"))) {
            return ConditionEvaluationResult.enabled("H2 pass");
        }
        if (reachable() || "true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("PostgreSQL pass");
        }
        return ConditionEvaluationResult.disabled(
                "PostgreSQL pass skipped: no server on localhost:5432 (start one, see ARCHITECTURE/README)");
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
