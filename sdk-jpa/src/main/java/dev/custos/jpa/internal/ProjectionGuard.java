// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import dev.custos.core.Message;
import dev.custos.core.metadata.PersonalDataAttribute;
import dev.custos.core.policy.PolicyPack;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.EntityMapping;
import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.access.Caller;
import dev.custos.jpa.access.ProcessingContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Refuses queries that select guarded personal data without loading an entity: JPQL and Criteria projections
 * such as {@code SELECT n.note FROM CareNote n}. No load hook runs for them, so the consent, access-rule and
 * audit checks of {@link AccessGuard} cannot; the query is refused before it runs instead (fail closed). Guarded
 * are the {@code @PersonalData} attributes that are consent-based, or need consent under the purpose in effect
 * (the pack's {@code <purpose requires-consent="true">}), or are special-category (every read of which is
 * audited), and every {@code @PersonalData} attribute of an entity under an {@code access="assigned-caller"}
 * rule. Ordinary attributes are refused under a purpose they do not declare, and every {@code @PersonalData}
 * attribute to a caller in a role that sees no content ({@link CustosRuntime#noContentRoles}). Custos' own queries
 * (retention sweep, data-subject requests) run inside {@link #ownQueries}, which lets them through. Provider adapters call {@link #refuseIfGuarded} from their query hooks. Thread-safe.
 */
public final class ProjectionGuard {

    /** Hibernate's hint {@code HibernateHints.HINT_QUERY_PLAN_CACHEABLE}; EclipseLink ignores it. */
    private static final String PLAN_CACHEABLE = "hibernate.query.plan.cacheable";

    private static final ThreadLocal<Integer> OWN = ThreadLocal.withInitial(() -> 0);

    private final CustosRuntime runtime;

    public ProjectionGuard(CustosRuntime runtime) {
        this.runtime = runtime;
    }

    /** One attribute a query selects: the entity class that owns it and its name. */
    public record Selected(Class<?> entity, String attribute) {
    }

    /** Runs {@code work}, Custos' own queries, on this thread with projections of guarded attributes allowed. */
    public static <T> T ownQueries(Supplier<T> work) {
        OWN.set(OWN.get() + 1);
        try {
            return work.get();
        } finally {
            int depth = OWN.get() - 1;
            if (depth == 0) {
                OWN.remove();
            } else {
                OWN.set(depth);
            }
        }
    }

    /**
     * The results of {@code query}, one of Custos' own projections, run inside {@link #ownQueries}. Hibernate is
     * told not to cache its plan: a cached plan is not translated, so not checked, again, and the same query run
     * later by a caller outside Custos would get the values unchecked.
     */
    public static <T> List<T> ownResults(TypedQuery<T> query) {
        query.setHint(PLAN_CACHEABLE, false);
        return ownQueries(query::getResultList);
    }

    /** As {@link #ownResults(TypedQuery)}, for an untyped query. */
    public static List<?> ownResults(Query query) {
        query.setHint(PLAN_CACHEABLE, false);
        return ownQueries(query::getResultList);
    }

    /** Whether Custos' own queries are running on this thread. */
    public static boolean inOwnQueries() {
        return OWN.get() > 0;
    }

    /**
     * Refuses a query that selects any guarded attribute among {@code selected}, unless Custos' own queries run.
     *
     * @throws AccessRefusedException {@code CUSTOS-04506} to a caller in a role that sees no content,
     *                                {@code CUSTOS-04428} for guarded attributes, {@code CUSTOS-04507} for ordinary
     *                                attributes under a purpose they do not declare
     * @return whether the query selects personal data it was allowed to for the caller and purpose in effect
     *         alone: a provider that would reuse the query's translation unchecked must not keep it
     */
    public boolean refuseIfGuarded(List<Selected> selected) {
        if (selected.isEmpty() || inOwnQueries()) {
            return false;
        }
        List<String> guarded = new ArrayList<>();
        List<String> personal = new ArrayList<>();
        List<String> otherPurpose = new ArrayList<>();
        boolean purposeBound = false;
        Optional<String> purpose = ProcessingContext.purpose();
        for (Selected each : selected) {
            Optional<EntityMapping> mapping = mapping(each.entity());
            Optional<PersonalDataAttribute> attribute = mapping.flatMap(m -> m.model().attribute(each.attribute()));
            if (attribute.isEmpty()) {
                continue;
            }
            String name = mapping.get().entityName() + "." + each.attribute();
            personal.add(name);
            purposeBound |= !attribute.get().purposes().isEmpty();
            if (guarded(mapping.get(), attribute.get(), runtime.pack())) {
                guarded.add(name);
            } else if (purpose.isPresent() && !attribute.get().purposes().isEmpty()
                    && !attribute.get().purposes().contains(purpose.get())) {
                otherPurpose.add(name);
            }
        }
        if (personal.isEmpty()) {
            return false;
        }
        Caller caller = runtime.currentCaller();
        Optional<String> role = runtime.noContentRoles().isEmpty() ? Optional.empty()
                : runtime.noContentRole(caller);
        Message summary = null;
        if (role.isPresent()) {
            summary = JpaMessages.projectionRefusedNoContent(String.join(", ", personal), role.get());
        } else if (!guarded.isEmpty()) {
            summary = JpaMessages.projectionRefused(String.join(", ", guarded));
        } else if (!otherPurpose.isEmpty() && !caller.system()) {
            summary = JpaMessages.projectionRefusedForPurpose(String.join(", ", otherPurpose), purpose.get());
        }
        if (summary != null) {
            throw new AccessRefusedException(summary, List.of(summary));
        }
        // allowed for this caller and purpose, which another may not have
        return purposeBound || !runtime.noContentRoles().isEmpty();
    }

    private Optional<EntityMapping> mapping(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Optional<EntityMapping> found = runtime.mapping(c);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean guarded(EntityMapping mapping, PersonalDataAttribute a, PolicyPack pack) {
        return a.consentRequired(ProcessingContext.purpose(), pack) || a.category().sensitive()
                || !mapping.model().assignedCallerOnly().isEmpty();
    }
}
