// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.metadata;

import dev.custos.core.annotation.ErasureStrategy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/** Which Java types each erasure strategy can erase; checked at deployment, not during the sweep. */
final class ErasureTypes {

    private static final Set<Class<?>> ANONYMIZABLE = Set.of(String.class, Boolean.class, boolean.class,
            Byte.class, byte.class, Short.class, short.class, Integer.class, int.class, Long.class, long.class,
            Float.class, float.class, Double.class, double.class, Character.class, char.class, BigDecimal.class,
            BigInteger.class, LocalDate.class, LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class,
            Instant.class, Date.class, java.sql.Date.class, java.sql.Timestamp.class, UUID.class, byte[].class);

    private ErasureTypes() {
    }

    /** Empty if {@code strategy} can erase values of {@code type}; otherwise what to do instead. */
    static String problem(ErasureStrategy strategy, Class<?> type) {
        return switch (strategy) {
            case DELETE_ROW -> "";
            case NULLIFY -> type.isPrimitive()
                    ? "a primitive cannot be null; use its wrapper type or erasure = ANONYMIZE" : "";
            case ANONYMIZE -> ANONYMIZABLE.contains(type)
                    ? "" : "ANONYMIZE handles strings, numbers, booleans, dates and times, UUIDs and byte[]; use"
                    + " NULLIFY or DELETE_ROW";
            case PSEUDONYMIZE -> type == String.class ? "" : "PSEUDONYMIZE replaces text; use it on String attributes";
            case CRYPTO_SHRED -> type == String.class || type == byte[].class
                    ? "" : "CRYPTO_SHRED stores ciphertext; use it on String or byte[] attributes";
        };
    }
}
