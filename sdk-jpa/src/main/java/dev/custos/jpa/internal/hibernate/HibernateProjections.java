// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.internal.ProjectionGuard;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.spi.BaseSemanticQueryWalker;
import org.hibernate.query.sqm.sql.SqmTranslator;
import org.hibernate.query.sqm.sql.SqmTranslatorFactory;
import org.hibernate.query.sqm.sql.StandardSqmTranslatorFactory;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.domain.SqmBasicValuedSimplePath;
import org.hibernate.query.sqm.tree.domain.SqmEmbeddedValuedSimplePath;
import org.hibernate.query.sqm.tree.domain.SqmPath;
import org.hibernate.query.sqm.tree.select.SqmQueryGroup;
import org.hibernate.query.sqm.tree.select.SqmQueryPart;
import org.hibernate.query.sqm.tree.select.SqmQuerySpec;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.MutationStatement;
import org.hibernate.sql.ast.tree.select.SelectStatement;

/**
 * Hibernate's translator of HQL and Criteria queries (SQM) to SQL, with a check first: a select whose select
 * clause reaches a guarded attribute is refused by {@link ProjectionGuard}. Selecting entities is left to the
 * load hook. Hibernate reads its translator once, when the session factory is built, so
 * {@link CustosServiceContributor} names this one for every factory; {@link HibernateAdapter#install} then
 * registers the unit's guard and refuses to start where another translator is in place.
 * <p>
 * Hibernate caches a query's translation in its query plan, so a translation is checked once: when it was refused
 * nothing is cached and the next execution is checked again, and a translation Custos' own queries made is never
 * cached, because they switch the plan cache off ({@code hibernate.query.plan.cacheable}). A projection of personal
 * data allowed to one caller under one purpose (roles that see no content, purposes an attribute declares) may be
 * refused to the next: its translation empties the plan cache, so that the next execution is translated, and
 * checked, again. The factory's plan cache
 * is cleared when the guard is registered, for queries translated before Custos started. Thread-safe.
 */
public final class HibernateProjections implements SqmTranslatorFactory {

    private final SqmTranslatorFactory standard = new StandardSqmTranslatorFactory();
    /**
     * The guard of the one factory this translator serves (Hibernate makes a translator per factory), null before
     * Custos starts for it. Kept here, not in a static map: the guard reaches the factory, which such a map would
     * then keep, with the application's class loader, for as long as sdk-jpa is loaded.
     */
    private volatile ProjectionGuard guard;

    static void register(SessionFactoryImplementor factory, ProjectionGuard guard) {
        ((HibernateProjections) factory.getQueryEngine().getSqmTranslatorFactory()).guard = guard;
        factory.getQueryEngine().getInterpretationCache().close();
    }

    @Override
    public SqmTranslator<SelectStatement> createSelectTranslator(SqmSelectStatement<?> sqm, QueryOptions options,
            DomainParameterXref xref, QueryParameterBindings bindings, LoadQueryInfluencers influencers,
            SqlAstCreationContext context, boolean deduplicateSelectionItems) {
        ProjectionGuard guard = this.guard;
        if (guard != null && !ProjectionGuard.inOwnQueries()) {
            List<ProjectionGuard.Selected> selected = new ArrayList<>();
            selectClauses(sqm.getQueryPart(), new Paths(selected));
            if (guard.refuseIfGuarded(selected)) {
                // allowed for this caller and purpose only: the plan, which keeps this translation, must not serve
                // the next caller unchecked. Hibernate has no way to drop one plan, so the cache is emptied.
                context.getSessionFactory().getQueryEngine().getInterpretationCache().close();
            }
        }
        return standard.createSelectTranslator(sqm, options, xref, bindings, influencers, context,
                deduplicateSelectionItems);
    }

    @Override
    public SqmTranslator<? extends MutationStatement> createMutationTranslator(SqmDmlStatement<?> statement,
            QueryOptions options, DomainParameterXref xref, QueryParameterBindings bindings,
            LoadQueryInfluencers influencers, SqlAstCreationContext context) {
        return standard.createMutationTranslator(statement, options, xref, bindings, influencers, context);
    }

    private static void selectClauses(SqmQueryPart<?> part, Paths paths) {
        if (part instanceof SqmQueryGroup<?> group) {
            group.getQueryParts().forEach(each -> selectClauses(each, paths)); // UNION and friends
        } else if (part instanceof SqmQuerySpec<?> spec) {
            paths.visitSelectClause(spec.getSelectClause());
        }
    }

    /** Collects the attribute paths of a select clause, inside functions, CASE and constructor calls too. */
    private static final class Paths extends BaseSemanticQueryWalker {

        private final List<ProjectionGuard.Selected> selected;

        Paths(List<ProjectionGuard.Selected> selected) {
            this.selected = selected;
        }

        @Override
        public Object visitBasicValuedPath(SqmBasicValuedSimplePath<?> path) {
            add(path);
            return super.visitBasicValuedPath(path);
        }

        @Override
        public Object visitEmbeddableValuedPath(SqmEmbeddedValuedSimplePath<?> path) {
            add(path);
            return super.visitEmbeddableValuedPath(path);
        }

        private void add(SqmPath<?> path) {
            SqmPath<?> owner = path.getLhs();
            if (owner != null && owner.getJavaType() != null) {
                selected.add(new ProjectionGuard.Selected(owner.getJavaType(),
                        path.getReferencedPathSource().getPathName()));
            }
        }
    }
}
