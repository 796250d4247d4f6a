// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.SanitizedCause;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hibernate.engine.spi.EntityHolder;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.sql.results.graph.entity.EntityInitializer;

/** Finds, at a query result's first post-load event, the rows of the result still to come. Thread-safe. */
final class ResultLookAhead {

    private static final System.Logger LOG = System.getLogger(ResultLookAhead.class.getName());

    /** False once this Hibernate lacked what the look-ahead at a result's rows needs ({@link #rowsOf}). */
    private volatile boolean lookAhead = true;
    private final Function<PostLoadEvent, List<EntityHolder>> holders;

    ResultLookAhead() {
        this(ResultLookAhead::holdersOfResult);
    }

    /** With {@code holders} in place of the look-up in Hibernate's persistence context, for tests. */
    ResultLookAhead(Function<PostLoadEvent, List<EntityHolder>> holders) {
        this.holders = holders;
    }

    /**
     * The rows of the result whose first post-load event {@code event} is, this one included: the entities the
     * same initializer loaded that Hibernate has not yet finished (it clears a holder's initializer after the
     * holder's post-load event). Hibernate hands none of a query result to the caller before every row's post-load
     * event; the persistence context's entity holders are the one place the rows still to come can be seen (an
     * internal method of Hibernate 6.6). Empty if they cannot be told, also on a Hibernate without that method:
     * every row is then decided at its own event, which is logged once ({@code CUSTOS-04595}).
     */
    List<EntityHolder> rowsOf(PostLoadEvent event) {
        if (!lookAhead) {
            return List.of();
        }
        try {
            return holders.apply(event);
        } catch (LinkageError e) {
            synchronized (this) {
                if (lookAhead) { // said once: every later result goes without the look-ahead too
                    lookAhead = false;
                    LOG.log(System.Logger.Level.WARNING, JpaMessages.lookAheadUnavailable(SanitizedCause.describe(e))
                            .toString());
                }
            }
            return List.of();
        }
    }

    private static List<EntityHolder> holdersOfResult(PostLoadEvent event) {
        PersistenceContext context = event.getSession().getPersistenceContextInternal();
        EntityHolder current = context.getEntityHolder(
                event.getSession().generateEntityKey(event.getId(), event.getPersister()));
        EntityInitializer<?> initializer = current == null ? null : current.getEntityInitializer();
        if (initializer == null || current.getEntity() != event.getEntity()) {
            return List.of();
        }
        List<EntityHolder> rows = new ArrayList<>();
        for (EntityHolder holder : context.getEntityHoldersByKey().values()) {
            if (holder.getEntityInitializer() == initializer && holder.getEntity() != null
                    && context.getEntry(holder.getEntity()) != null) {
                rows.add(holder);
            }
        }
        return rows;
    }
}
