package org.octt.core.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * State shared by the steps of one test case run against one target. Thread-safe. A fresh,
 * empty state is made for each run of each test case.
 */
public final class State {

    private final ConcurrentMap<StateKey<?>, Object> values = new ConcurrentHashMap<>();

    public <T> void put(StateKey<T> key, T value) {
        values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    public <T> Optional<T> get(StateKey<T> key) {
        return Optional.ofNullable(values.get(key)).map(key::cast);
    }
}
