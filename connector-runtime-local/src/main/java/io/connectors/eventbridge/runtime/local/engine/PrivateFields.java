package io.connectors.eventbridge.runtime.local.engine;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.Optional;

/**
 * The private fields of zeebe-process-test's engine that local mode reaches (docs/compatibility.md,
 * rows 12, 14 and 16): empty when a field is gone, renamed or of another type, so that each caller
 * can fall back to what the public API offers.
 */
final class PrivateFields {

  private PrivateFields() {}

  /** The field {@code name} declared by {@code owner}, made accessible. */
  static Optional<Field> find(Class<?> owner, String name) {
    try {
      Field field = owner.getDeclaredField(name);
      field.setAccessible(true);
      return Optional.of(field);
    } catch (ReflectiveOperationException | InaccessibleObjectException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The value of {@code owner}'s field {@code name}, if it is a {@code type}. */
  static <T> Optional<T> read(Object owner, String name, Class<T> type) {
    return find(owner.getClass(), name)
        .flatMap(
            field -> {
              try {
                return Optional.ofNullable(field.get(owner))
                    .filter(type::isInstance)
                    .map(type::cast);
              } catch (IllegalAccessException e) {
                return Optional.empty();
              }
            });
  }
}
