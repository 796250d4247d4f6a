// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.jpa.internal.AttributeAccess;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.eclipse.persistence.internal.sessions.UnitOfWorkImpl;
import org.eclipse.persistence.sessions.Session;

/**
 * Masks the backup copies of masked working copies, keeping the stored values they held per unit of work, so that
 * an attribute the application clears on purpose can be given back to the backup: deferred change detection then
 * sees the cleared mask as the change it is, and the null is written. Thread-safe.
 */
final class MaskedBackups {

    /** Per unit of work, weak, and dropped when it is released: each masked copy's stored values. */
    private final Map<Session, Map<Object, Map<String, Object>>> stored =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Masks {@code masked} in the backup of {@code copy}, keeping what the backup held. */
    void mask(UnitOfWorkImpl unitOfWork, Object copy, List<String> masked) {
        Object backup = unitOfWork.getCloneMapping().get(copy);
        if (backup == null || backup == copy) {
            return;
        }
        Map<String, Object> values = new HashMap<>();
        for (String attribute : masked) {
            values.put(attribute, AttributeAccess.get(backup, attribute));
            AttributeAccess.set(backup, attribute, null);
        }
        Map<Object, Map<String, Object>> copies =
                stored.computeIfAbsent(unitOfWork, s -> Collections.synchronizedMap(new IdentityHashMap<>()));
        copies.merge(copy, values, (earlier, later) -> {
            Map<String, Object> both = new HashMap<>(later);
            earlier.forEach(both::putIfAbsent); // a copy checked again keeps what it first held
            return both;
        });
    }

    /** Gives the stored value of the cleared {@code attribute} of {@code copy} back to its backup. */
    void clear(UnitOfWorkImpl unitOfWork, Object copy, String attribute) {
        Map<Object, Map<String, Object>> copies = stored.get(unitOfWork);
        Map<String, Object> values = copies == null ? null : copies.get(copy);
        Object backup = unitOfWork.getCloneMapping().get(copy);
        if (values != null && values.containsKey(attribute) && backup != null && backup != copy) {
            AttributeAccess.set(backup, attribute, values.remove(attribute));
        }
    }

    void released(Session unitOfWork) {
        stored.remove(unitOfWork);
    }
}
