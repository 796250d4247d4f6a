// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.jpa.internal.ProjectionGuard;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.expressions.Expression;
import org.eclipse.persistence.expressions.ExpressionBuilder;
import org.eclipse.persistence.internal.expressions.ExpressionIterator;
import org.eclipse.persistence.internal.expressions.QueryKeyExpression;
import org.eclipse.persistence.internal.queries.ReportItem;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.queries.ConstructorReportItem;
import org.eclipse.persistence.queries.ReportQuery;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Checks every query before EclipseLink executes it: a {@link ReportQuery} (what JPQL and Criteria projections
 * compile to) whose select items reach a guarded attribute is refused by {@link ProjectionGuard}. Entity queries
 * are read queries of other kinds and are checked on load. Runs on every execution, so a query parsed once and
 * cached is checked for each caller. Stateless apart from the guard; thread-safe.
 */
final class EclipseLinkProjections extends SessionEventAdapter {

    private final ProjectionGuard guard;

    EclipseLinkProjections(ProjectionGuard guard) {
        this.guard = guard;
    }

    @Override
    public void preExecuteQuery(SessionEvent event) {
        if (!(event.getQuery() instanceof ReportQuery report) || ProjectionGuard.inOwnQueries()) {
            return;
        }
        List<ProjectionGuard.Selected> selected = new ArrayList<>();
        for (ReportItem item : report.getItems()) {
            collect(item, report, event.getSession(), selected);
        }
        guard.refuseIfGuarded(selected);
    }

    private static void collect(ReportItem item, ReportQuery report, Session session,
                                List<ProjectionGuard.Selected> selected) {
        if (item instanceof ConstructorReportItem constructor) {
            // SELECT NEW Summary(n.note, ...): the constructor's arguments are items of their own
            for (ReportItem argument : constructor.getReportItems()) {
                collect(argument, report, session, selected);
            }
            return;
        }
        Expression expression = item.getAttributeExpression();
        if (expression == null) {
            return;
        }
        // every attribute path in the item, inside functions (UPPER, MAX, CONCAT, ...) and CASE as well
        expression.iterateOn(new ExpressionIterator() {
            @Override
            public void iterate(Expression each) {
                if (each instanceof QueryKeyExpression key) {
                    Class<?> owner = owner(key.getBaseExpression(), report, session);
                    if (owner != null) {
                        selected.add(new ProjectionGuard.Selected(owner, key.getName()));
                    }
                }
            }
        });
    }

    /** The entity class {@code base} stands for: a range variable, or the target of a relationship path. */
    private static Class<?> owner(Expression base, ReportQuery report, Session session) {
        if (base instanceof ExpressionBuilder builder) {
            return builder.getQueryClass() != null ? builder.getQueryClass() : report.getReferenceClass();
        }
        if (base instanceof QueryKeyExpression key) {
            Class<?> owner = owner(key.getBaseExpression(), report, session);
            ClassDescriptor descriptor = owner == null ? null : session.getDescriptor(owner);
            DatabaseMapping mapping = descriptor == null ? null
                    : descriptor.getObjectBuilder().getMappingForAttributeName(key.getName());
            ClassDescriptor target = mapping == null ? null : mapping.getReferenceDescriptor();
            return target == null ? null : target.getJavaClass();
        }
        return null;
    }
}
