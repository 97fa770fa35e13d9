package org.w3id.rekg.source;

import org.w3id.rekg.core.Location;

import org.w3id.rekg.core.ErrorCode;
import org.w3id.rekg.core.RekgException;

/** A problem in a curated source file, with the place it was found. */
public final class SourceException extends RekgException {
    private final Location location;

    public SourceException(ErrorCode code, Location location, String message) {
        super(code, location + ": " + message);
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
