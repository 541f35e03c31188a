package io.recast.engine.plan;

import java.util.Objects;

/**
 * The outcome of a {@link PreflightCheck}.
 *
 * @param passed  whether the migration may go on
 * @param message what was found, and when it failed, what to do
 */
public record PreflightResult(boolean passed, String message) {

    public PreflightResult {
        Objects.requireNonNull(message, "message");
    }

    public static PreflightResult pass(String message) {
        return new PreflightResult(true, message);
    }

    public static PreflightResult fail(String whatToDo) {
        return new PreflightResult(false, whatToDo);
    }
}
