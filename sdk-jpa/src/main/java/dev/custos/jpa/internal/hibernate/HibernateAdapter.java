// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.jpa.internal.AccessGuard;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.LoadOutcome;
import dev.custos.jpa.internal.MaskedAttributes;
import dev.custos.jpa.internal.ProjectionGuard;
import dev.custos.jpa.internal.ReadScope;
import dev.custos.jpa.internal.ShredCipher;
import dev.custos.jpa.internal.WriteAudit;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.cfg.QuerySettings;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.EntityHolder;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.FlushEvent;
import org.hibernate.event.spi.FlushEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.sqm.sql.SqmTranslatorFactory;

/**
 * Hooks Custos into Hibernate ORM through its event listeners, as Envers does (and refuses projections of
 * guarded attributes in its query translator, {@link HibernateProjections}): checks and masks after
 * every load (a query result's rows decided together at its first post-load event, {@link ResultScopes}), and
 * audits inserts, updates and deletes on the flushing session's own connection, so the audit row commits or
 * rolls back with the change; a flush's audits are appended together when it ends. A masked entity's loaded
 * snapshot is masked too, so the mask alone is no change, and an update for other changes writes the stored
 * values where the mask still is.
 * <p>
 * CRYPTO_SHRED attributes are encrypted in the state Hibernate writes (pre-insert, pre-update) and the entry's
 * loaded state is set back to the plaintext afterwards, so dirty checking sees no change; after a load the
 * ciphertext is decrypted into the entity and the loaded state (null when the subject's key is gone).
 * <p>
 * Runs on Hibernate ORM 6.6 and 7: load, post-load and flush events hand out an {@code EventSource} on both, the
 * sessions of database-operation events go through {@link HibernateShapes}.
 */
public final class HibernateAdapter implements PostLoadEventListener, PreInsertEventListener, PreUpdateEventListener,
        PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener, FlushEventListener,
        AutoFlushEventListener, LoadEventListener {

    private static final long serialVersionUID = 1L;

    private final transient AccessGuard guard;
    private final transient WriteAudit audit;
    private final transient ShreddedState shredded;
    private final transient ResultScopes scopes = new ResultScopes();
    private final transient ResultLookAhead lookAhead = new ResultLookAhead();
    private final transient FlushAudits flushAudits;
    private final transient HibernateShapes shapes;

    private HibernateAdapter(AccessGuard guard, WriteAudit audit, ShredCipher cipher, HibernateShapes shapes) {
        this.guard = guard;
        this.audit = audit;
        this.shredded = new ShreddedState(cipher);
        this.shapes = shapes;
        this.flushAudits = new FlushAudits(audit, shapes);
    }

    /**
     * Installs the listeners and registers {@code projections} with the factory's query translator.
     *
     * @throws CustosException {@code CUSTOS-04452} on a Hibernate ORM of a line Custos does not know
     *                         ({@link HibernateVersion}); {@code CUSTOS-04480} on one whose members Custos uses have
     *                         an unknown shape ({@link HibernateShapes}); {@code CUSTOS-04429} when the factory translates queries
     *                         with another translator than {@link HibernateProjections}, so projections could not
     *                         be checked
     */
    public static void install(EntityManagerFactory emf, AccessGuard guard, WriteAudit audit, ShredCipher cipher,
                               ProjectionGuard projections, String unitName) {
        HibernateVersion.require(unitName);
        HibernateShapes shapes = HibernateShapes.resolve(unitName);
        SessionFactoryImplementor factory = emf.unwrap(SessionFactoryImplementor.class);
        SqmTranslatorFactory translator = factory.getQueryEngine().getSqmTranslatorFactory();
        if (!(translator instanceof HibernateProjections)) {
            throw new CustosException(JpaMessages.queryTranslatorReplaced(unitName, translator.getClass().getName(),
                    QuerySettings.SEMANTIC_QUERY_TRANSLATOR));
        }
        HibernateProjections.register(factory, projections);
        HibernateAdapter adapter = new HibernateAdapter(guard, audit, cipher, shapes);
        EventListenerRegistry registry = factory.getServiceRegistry().getService(EventListenerRegistry.class);
        registry.appendListeners(EventType.POST_LOAD, adapter);
        // before Hibernate's own, which may fire a post-load event with a recycled instance
        registry.prependListeners(EventType.LOAD, adapter);
        registry.appendListeners(EventType.PRE_INSERT, adapter);
        registry.appendListeners(EventType.PRE_UPDATE, adapter);
        registry.appendListeners(EventType.POST_INSERT, adapter);
        registry.appendListeners(EventType.POST_UPDATE, adapter);
        registry.appendListeners(EventType.POST_DELETE, adapter);
        // after Hibernate's own: the flush has executed its writes, and their audits can be appended
        registry.appendListeners(EventType.FLUSH, adapter);
        registry.appendListeners(EventType.AUTO_FLUSH, adapter);
        HibernateValidationMasks.hide(factory, registry, guard, unitName);
    }


    /** The attributes this adapter's guard masked, by entity instance. */
    MaskedAttributes masks() {
        return guard.masks();
    }

    @Override
    public void onPostLoad(PostLoadEvent event) {
        ResultScopes.Result result = scopes.of(event);
        if (result.takeDecided(event.getEntity())) {
            return; // decided, and its read audited, with the first row of its result
        }
        List<EntityHolder> rows = result.first() ? lookAhead.rowsOf(event) : List.of();
        if (rows.size() > 1) {
            decideAhead(event.getSession(), rows, result);
            result.takeDecided(event.getEntity());
            return;
        }
        check(event.getSession(), event.getPersister(), event.getId(), event.getEntity(), result.scope());
    }


    /**
     * Decides every row of a result at its first post-load event and appends their read audits in one
     * transaction, before Hibernate hands any of them out. If any row is refused or the audits cannot be
     * appended, no row of the result stays in the session, where a later lookup would return it unchecked.
     */
    private void decideAhead(EventSource session, List<EntityHolder> rows, ResultScopes.Result result) {
        result.scope().collectAudits();
        try {
            guard.prefetch(rows.stream().map(EntityHolder::getEntity).toList(), result.scope());
            for (EntityHolder row : rows) {
                check(session, row.getDescriptor(), row.getEntityKey().getIdentifier(), row.getEntity(),
                        result.scope());
            }
            guard.appendCollected(result.scope());
        } catch (RuntimeException e) {
            for (EntityHolder row : rows) {
                session.getPersistenceContextInternal().removeEntity(row.getEntityKey());
            }
            throw e;
        }
        result.decided(rows.stream().map(EntityHolder::getEntity).toList());
    }

    /** Decrypts, checks and masks one loaded entity. */
    private void check(EventSource session, EntityPersister persister, Object id, Object entity, ReadScope scope) {
        shredded.decrypt(session, persister, entity);
        LoadOutcome outcome;
        try {
            outcome = guard.afterLoad(entity, scope);
        } catch (RuntimeException e) {
            // a refused entity must not stay in the session, where a later lookup would return it unchecked
            session.getPersistenceContextInternal().removeEntity(session.generateEntityKey(id, persister));
            throw e;
        }
        if (outcome.anyMasked()) {
            // The loaded snapshot must agree with the mask, or dirty checking would see a change; the stored
            // values go to the entry's extra state, for updates that write every column.
            EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
            Object[] loaded = entry.getLoadedState();
            List<String> names = Arrays.asList(persister.getPropertyNames());
            Map<String, Object> originals = new HashMap<>();
            for (String attribute : outcome.masked()) {
                int index = names.indexOf(attribute);
                if (loaded != null && index >= 0) {
                    originals.put(attribute, loaded[index]);
                    loaded[index] = null;
                }
            }
            entry.addExtraState(new MaskedState(originals));
        }
    }

    @Override
    public void onLoad(LoadEvent event, LoadType loadType) {
        scopes.end(); // a load by id is a read of its own
    }

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        guard.refuseMaskedWrites(event.getEntity());
        EntityEntry entry = shapes.session(event).getPersistenceContextInternal().getEntry(event.getEntity());
        MaskedState masked = entry == null ? null : entry.getExtraState(MaskedState.class);
        if (masked != null) {
            List<String> names = Arrays.asList(event.getPersister().getPropertyNames());
            Object[] state = event.getState();
            masked.originals().forEach((attribute, original) -> {
                int index = names.indexOf(attribute);
                if (index >= 0 && state[index] == null) {
                    state[index] = original; // still masked: write what is stored, never the mask
                }
            });
        }
        shredded.encrypt(event.getEntity(), event.getPersister(), event.getState());
        return false;
    }

    @Override
    public boolean onPreInsert(PreInsertEvent event) {
        shredded.encrypt(event.getEntity(), event.getPersister(), event.getState());
        return false;
    }




    @Override
    public void onPostInsert(PostInsertEvent event) {
        shredded.plaintextLoadedState(event.getEntity(), event.getPersister(),
                shapes.session(event).getPersistenceContextInternal().getEntry(event.getEntity()));
        List<String> all = Arrays.asList(event.getPersister().getPropertyNames());
        flushAudits.audited(shapes.session(event), audit.written(event.getEntity(), AuditAction.CREATE, all));
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        shredded.plaintextLoadedState(event.getEntity(), event.getPersister(),
                shapes.session(event).getPersistenceContextInternal().getEntry(event.getEntity()));
        remask(event);
        String[] names = event.getPersister().getPropertyNames();
        List<String> changed = new ArrayList<>();
        int[] dirty = event.getDirtyProperties();
        if (dirty == null) {
            changed.addAll(Arrays.asList(names));
        } else {
            for (int index : dirty) {
                changed.add(names[index]);
            }
        }
        flushAudits.audited(shapes.session(event), audit.written(event.getEntity(), AuditAction.UPDATE, changed));
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        List<String> all = Arrays.asList(event.getPersister().getPropertyNames());
        flushAudits.audited(shapes.session(event), audit.written(event.getEntity(), AuditAction.DELETE, all));
    }

    @Override
    public void onFlush(FlushEvent event) {
        flushAudits.appendPending(event.getSession());
    }

    @Override
    public void onAutoFlush(AutoFlushEvent event) {
        flushAudits.appendPending(event.getSession());
    }


    /**
     * After an update the entry's loaded state is what was written, the stored values where the mask is; set
     * the mask back into it, or the next flush would see the mask as a change and update again.
     */
    private void remask(PostUpdateEvent event) {
        EntityEntry entry = shapes.session(event).getPersistenceContextInternal().getEntry(event.getEntity());
        MaskedState masked = entry == null ? null : entry.getExtraState(MaskedState.class);
        Object[] loaded = entry == null ? null : entry.getLoadedState();
        if (masked == null || loaded == null) {
            return;
        }
        List<String> names = Arrays.asList(event.getPersister().getPropertyNames());
        Object[] current = event.getPersister().getValues(event.getEntity());
        masked.originals().keySet().forEach(attribute -> {
            int index = names.indexOf(attribute);
            if (index >= 0 && current[index] == null) {
                loaded[index] = null;
            }
        });
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}
