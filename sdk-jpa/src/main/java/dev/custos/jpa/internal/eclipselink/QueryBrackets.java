// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.jpa.internal.AccessGuard;
import dev.custos.jpa.internal.ReadScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.sessions.AbstractRecord;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.queries.QueryRedirector;
import org.eclipse.persistence.sessions.DataRecord;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.UnitOfWork;

/**
 * Brackets every read query of an annotated entity, so that the working copies it registers are decided in one
 * {@link ReadScope} (each subject's restriction and consent read once) and their read audits appended together,
 * in one transaction, when the query ends and before it returns. Installed as the descriptors' default read
 * query redirector, which EclipseLink calls around a query's whole execution, its registration in the unit of
 * work included; the redirector runs the query as EclipseLink would have, and a {@code finally} closes the
 * bracket whether the query returns or fails. A descriptor that has a redirector of the application's keeps it,
 * and its rows are decided one by one. Thread-safe: each thread has its own brackets.
 */
final class QueryBrackets implements QueryRedirector {

    private static final long serialVersionUID = 1L;

    /** One open query: its scope, and the working copies decided in it. */
    private static final class Bracket {
        final ReadScope scope = new ReadScope();
        final List<DecidedCopy> decided = new ArrayList<>();
    }

    private record DecidedCopy(UnitOfWork unitOfWork, Object entity) {
    }

    private static final ThreadLocal<Deque<Bracket>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final transient AccessGuard guard;

    QueryBrackets(AccessGuard guard) {
        this.guard = guard;
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

    /** The scope of the innermost query running on this thread, or null outside every bracketed query. */
    static ReadScope current() {
        Bracket bracket = OPEN.get().peek();
        return bracket == null ? null : bracket.scope;
    }

    /** Records that {@code entity}, a working copy of {@code session}, was decided in the innermost query. */
    static void decided(Session session, Object entity) {
        Bracket bracket = OPEN.get().peek();
        if (bracket != null && session instanceof UnitOfWork unitOfWork) {
            bracket.decided.add(new DecidedCopy(unitOfWork, entity));
        }
    }

    @Override
    public Object invokeQuery(DatabaseQuery query, DataRecord arguments, Session session) {
        query.setDoNotRedirect(true); // EclipseLink handed over a copy of the query: run it as it would have
        Bracket bracket = new Bracket();
        bracket.scope.collectAudits();
        Deque<Bracket> open = OPEN.get();
        open.push(bracket);
        Object result;
        try {
            result = ((AbstractSession) session).executeQuery(query, (AbstractRecord) arguments);
        } catch (RuntimeException e) {
            close(open, bracket);
            try {
                guard.appendCollected(bracket.scope); // rows registered before the failure stay in the unit of work
            } catch (RuntimeException auditFailure) {
                forget(bracket);
                e.addSuppressed(auditFailure);
            }
            throw e;
        } catch (Error e) {
            close(open, bracket);
            throw e;
        }
        close(open, bracket);
        try {
            guard.appendCollected(bracket.scope);
        } catch (RuntimeException e) {
            forget(bracket); // unaudited copies must not be handed out by a later lookup either
            throw e;
        }
        return result;
    }

    private static void close(Deque<Bracket> open, Bracket bracket) {
        open.remove(bracket);
        if (open.isEmpty()) {
            OPEN.remove();
        }
    }

    /** Unregisters the working copies decided in {@code bracket}, whose audits could not be appended. */
    private static void forget(Bracket bracket) {
        for (DecidedCopy copy : bracket.decided) {
            copy.unitOfWork().unregisterObject(copy.entity());
        }
    }
}
