package org.octt.core.spi;

import java.util.Objects;

/**
 * A typed key for state that steps of one test case run share through {@link TestContext#state()}.
 * Keys compare by identity: declare them as constants.
 *
 * @param <T> the value type
 */
public final class StateKey<T> {

    private final String name;
    private final Class<T> type;

    private StateKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    public static <T> StateKey<T> of(String name, Class<T> type) {
        return new StateKey<>(name, type);
    }

    public String name() {
        return name;
    }

    T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "StateKey[" + name + "]";
    }
}
