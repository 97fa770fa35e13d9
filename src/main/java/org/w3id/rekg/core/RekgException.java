package org.w3id.rekg.core;

/**
 * An error REKG reports to its user: a stable {@link ErrorCode}, a message that names the bad
 * value, and where possible the file, line and column it came from.
 */
public class RekgException extends RuntimeException {
    private final ErrorCode code;

    public RekgException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public RekgException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The message as printed to the user: code, text and a link to the docs. */
    public String userMessage() {
        return "error " + code.id() + ": " + getMessage() + "\n  see " + code.docsUrl();
    }
}
