// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.jpa.access.AccessRefusedException;
import dev.custos.jpa.internal.AccessGuard;
import dev.custos.jpa.internal.ReadScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.sessions.AbstractRecord;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.queries.QueryRedirector;
import org.eclipse.persistence.sessions.DataRecord;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.UnitOfWork;

/**
 * Brackets every read query of an annotated entity, so that the working copies it registers are decided
 * together when it ends and before it returns: the restriction and consent of all their subjects read with one
 * query each, their read audits appended in one transaction. Installed as the descriptors' default read query
 * redirector, which EclipseLink calls around a query's whole execution, its registration in the unit of work
 * included; the redirector runs the query as EclipseLink would have. JPA's {@code @PostLoad} callbacks run before
 * Custos's listener in EclipseLink anyway, so deciding at the query's end changes nothing they see. If the query
 * fails, a copy is refused or the audits cannot be appended, none of the query's copies stays in the unit of
 * work. A descriptor that has a redirector of the application's keeps it, and its copies are decided one by one.
 * One per persistence unit. Thread-safe: each thread has its own brackets.
 */
final class QueryBrackets implements QueryRedirector {

    private static final long serialVersionUID = 1L;

    /** Decides one working copy, in {@code scope}; a refused copy is unregistered and the refusal thrown. */
    @FunctionalInterface
    interface CopyCheck {
        void check(UnitOfWork unitOfWork, Object copy, ReadScope scope);
    }

    /** One open query: the working copies registered in it, in order, each once. */
    private static final class Bracket {
        final List<Copy> copies = new ArrayList<>();
        final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        void add(UnitOfWork unitOfWork, Object entity) {
            if (seen.add(entity)) {
                copies.add(new Copy(unitOfWork, entity));
            }
        }
    }

    private record Copy(UnitOfWork unitOfWork, Object entity) {
    }

    /** This unit's open queries on each thread, innermost first. */
    private final transient ThreadLocal<Deque<Bracket>> open = ThreadLocal.withInitial(ArrayDeque::new);

    private final transient AccessGuard guard;
    private final transient CopyCheck check;

    QueryBrackets(AccessGuard guard, CopyCheck check) {
        this.guard = guard;
        this.check = check;
    }

    /** Installs the brackets on {@code descriptor}'s read queries that have no redirector of the application's. */
    void install(ClassDescriptor descriptor) {
        if (descriptor.getDefaultReadAllQueryRedirector() == null) {
            descriptor.setDefaultReadAllQueryRedirector(this);
        }
        if (descriptor.getDefaultReadObjectQueryRedirector() == null) {
            descriptor.setDefaultReadObjectQueryRedirector(this);
        }
        if (descriptor.getDefaultReportQueryRedirector() == null) {
            descriptor.setDefaultReportQueryRedirector(this);
        }
    }

    /**
     * Keeps {@code copy}, a working copy {@code session} just registered, to be decided when the innermost
     * bracketed query ends; false, and nothing kept, outside every bracketed query or outside a unit of work.
     */
    boolean defer(Session session, Object copy) {
        Bracket bracket = open.get().peek();
        if (bracket == null || !(session instanceof UnitOfWork unitOfWork)) {
            return false;
        }
        bracket.add(unitOfWork, copy);
        return true;
    }

    @Override
    public Object invokeQuery(DatabaseQuery query, DataRecord arguments, Session session) {
        query.setDoNotRedirect(true); // EclipseLink handed over a copy of the query: run it as it would have
        Bracket bracket = new Bracket();
        Deque<Bracket> brackets = open.get();
        brackets.push(bracket);
        Object result;
        try {
            result = ((AbstractSession) session).executeQuery(query, (AbstractRecord) arguments);
        } catch (RuntimeException | Error e) {
            close(brackets, bracket);
            forget(bracket); // none of them was decided
            throw e;
        }
        close(brackets, bracket);
        try {
            decide(bracket);
        } catch (AccessRefusedException refusal) {
            throw new CarriedRefusal(refusal); // not logged by EclipseLink on its way out of the query
        }
        return result;
    }

    /** Whether a bracketed query is running on this thread. */
    boolean anyOpen() {
        Deque<Bracket> brackets = open.get();
        if (brackets.isEmpty()) {
            open.remove(); // the look-up created an empty deque; do not keep it on a pooled thread
            return false;
        }
        return true;
    }

    private void decide(Bracket bracket) {
        if (bracket.copies.isEmpty()) {
            return;
        }
        ReadScope scope = new ReadScope();
        scope.collectAudits();
        try {
            guard.prefetch(bracket.copies.stream().map(Copy::entity).toList(), scope);
            for (Copy copy : bracket.copies) {
                check.check(copy.unitOfWork(), copy.entity(), scope);
            }
            guard.appendCollected(scope);
        } catch (RuntimeException e) {
            forget(bracket);
            throw e;
        }
    }

    private void close(Deque<Bracket> brackets, Bracket bracket) {
        brackets.remove(bracket);
        if (brackets.isEmpty()) {
            open.remove();
        }
    }

    /** Unregisters the bracket's working copies: a later lookup must not hand them out unchecked or unaudited. */
    private static void forget(Bracket bracket) {
        for (Copy copy : bracket.copies) {
            if (copy.unitOfWork().isObjectRegistered(copy.entity())) {
                copy.unitOfWork().unregisterObject(copy.entity());
            }
        }
    }
}
