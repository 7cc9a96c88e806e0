package com.partnerdeals.api.common;

/** A page of a list: {@code page} from 0, {@code size} 1..200. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public long offset() {
        return (long) page * size;
    }
}
