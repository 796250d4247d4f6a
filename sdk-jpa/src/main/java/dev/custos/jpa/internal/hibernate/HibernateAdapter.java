// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.hibernate;

import dev.custos.core.CustosException;
import dev.custos.core.audit.AuditAction;
import dev.custos.jpa.internal.AccessGuard;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.LoadOutcome;
import dev.custos.jpa.internal.PendingAudit;
import dev.custos.jpa.internal.ProjectionGuard;
import dev.custos.jpa.internal.ReadScope;
import dev.custos.jpa.internal.ShredCipher;
import dev.custos.jpa.internal.WriteAudit;
import dev.custos.jpa.internal.WriteAuditBuffer;
import dev.custos.jpa.internal.validation.ValidationListeners;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.action.spi.BeforeTransactionCompletionProcess;
import org.hibernate.cfg.QuerySettings;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.EntityHolder;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
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
import org.hibernate.sql.results.graph.entity.EntityInitializer;

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
 */
public final class HibernateAdapter implements PostLoadEventListener, PreInsertEventListener, PreUpdateEventListener,
        PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener, FlushEventListener,
        AutoFlushEventListener, LoadEventListener {

    private static final long serialVersionUID = 1L;

    private final transient AccessGuard guard;
    private final transient WriteAudit audit;
    private final transient ShredCipher cipher;
    private final transient ResultScopes scopes = new ResultScopes();
    /** False once this Hibernate lacked what the look-ahead at a result's rows needs ({@link #rowsOfResult}). */
    private transient volatile boolean lookAhead = true;
    /** Each session's write audits waiting for the end of its flush; weak, so a session left open is forgotten. */
    private final transient Map<SharedSessionContractImplementor, WriteAuditBuffer> pending =
            Collections.synchronizedMap(new WeakHashMap<>());

    private HibernateAdapter(AccessGuard guard, WriteAudit audit, ShredCipher cipher) {
        this.guard = guard;
        this.audit = audit;
        this.cipher = cipher;
    }

    /**
     * Installs the listeners and registers {@code projections} with the factory's query translator.
     *
     * @throws CustosException {@code CUSTOS-04452} on a Hibernate ORM of a line Custos does not know
     *                         ({@link HibernateVersion}); {@code CUSTOS-04429} when the factory translates queries
     *                         with another translator than {@link HibernateProjections}, so projections could not
     *                         be checked
     */
    public static void install(EntityManagerFactory emf, AccessGuard guard, WriteAudit audit, ShredCipher cipher,
                               ProjectionGuard projections, String unitName) {
        HibernateVersion.require(unitName);
        SessionFactoryImplementor factory = emf.unwrap(SessionFactoryImplementor.class);
        SqmTranslatorFactory translator = factory.getQueryEngine().getSqmTranslatorFactory();
        if (!(translator instanceof HibernateProjections)) {
            throw new CustosException(JpaMessages.queryTranslatorReplaced(unitName, translator.getClass().getName(),
                    QuerySettings.SEMANTIC_QUERY_TRANSLATOR));
        }
        HibernateProjections.register(factory, projections);
        HibernateAdapter adapter = new HibernateAdapter(guard, audit, cipher);
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
        hideMasksFromValidation(registry, guard, unitName);
    }

    /** Hibernate's lifecycle validation listener, present when the unit validates entities. */
    private static final String VALIDATION_LISTENER = "org.hibernate.boot.beanvalidation.BeanValidationEventListener";

    /**
     * Keeps masked attributes out of Hibernate's Bean Validation on pre-insert, pre-update, pre-upsert and
     * pre-delete ({@link dev.custos.jpa.internal.validation.MaskAwareValidatorFactory}): one listener serves them
     * all, and asks its factory (field {@code factory}) for a validator with its own resolver at every event.
     *
     * @throws CustosException {@code CUSTOS-04451} if the model masks attributes and the listener cannot be reached
     */
    private static void hideMasksFromValidation(EventListenerRegistry registry, AccessGuard guard, String unitName) {
        Set<Object> listeners = Collections.newSetFromMap(new IdentityHashMap<>());
        for (EventType<?> type : List.of(EventType.PRE_INSERT, EventType.PRE_UPDATE, EventType.PRE_UPSERT,
                EventType.PRE_DELETE)) {
            for (Object listener : registry.getEventListenerGroup(type).listeners()) {
                if (listener.getClass().getName().equals(VALIDATION_LISTENER)) {
                    listeners.add(listener);
                }
            }
        }
        for (Object listener : listeners) {
            try {
                ValidationListeners.hideMasks(listener, "factory", null, guard.masks());
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (guard.masksAnything()) {
                    throw new CustosException(JpaMessages.validationNotMaskAware(unitName, String.valueOf(e)), e);
                }
            }
        }
    }

    @Override
    public void onPostLoad(PostLoadEvent event) {
        ResultScopes.Result result = scopes.of(event);
        if (result.takeDecided(event.getEntity())) {
            return; // decided, and its read audited, with the first row of its result
        }
        List<EntityHolder> rows = result.first() ? rowsOfResult(event) : List.of();
        if (rows.size() > 1) {
            decideAhead(event.getSession(), rows, result);
            result.takeDecided(event.getEntity());
            return;
        }
        check(event.getSession(), event.getPersister(), event.getId(), event.getEntity(), result.scope());
    }

    /**
     * The rows of the result whose first post-load event {@code event} is, this one included: the entities the
     * same initializer loaded that Hibernate has not yet finished (it clears a holder's initializer after the
     * holder's post-load event). Hibernate hands none of a query result to the caller before every row's post-load
     * event; the persistence context's entity holders are the one place the rows still to come can be seen (an
     * internal method of Hibernate 6.6). Empty if they cannot be told, also on a Hibernate without that method:
     * every row is then decided at its own event.
     */
    private List<EntityHolder> rowsOfResult(PostLoadEvent event) {
        if (!lookAhead) {
            return List.of();
        }
        try {
            return holdersOfResult(event);
        } catch (LinkageError e) {
            lookAhead = false;
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
        decrypt(session, persister, entity);
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
        EntityEntry entry = event.getSession().getPersistenceContextInternal().getEntry(event.getEntity());
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
        encrypt(event.getEntity(), event.getPersister(), event.getState());
        return false;
    }

    @Override
    public boolean onPreInsert(PreInsertEvent event) {
        encrypt(event.getEntity(), event.getPersister(), event.getState());
        return false;
    }

    /** Replaces the plaintext of CRYPTO_SHRED attributes in the state to write with their ciphertext. */
    private void encrypt(Object entity, EntityPersister persister, Object[] state) {
        ShredCipher.Shredded shredded = cipher.of(entity);
        if (shredded == null) {
            return;
        }
        List<String> names = Arrays.asList(persister.getPropertyNames());
        byte[] key = null;
        for (String attribute : shredded.attributes()) {
            int index = names.indexOf(attribute);
            if (index < 0 || state[index] == null) {
                continue;
            }
            if (key == null) {
                key = cipher.keyForWriting(cipher.subjectId(entity, shredded));
            }
            state[index] = ShredCipher.encrypt(key, state[index]);
        }
    }

    /** After a write the entry's loaded state holds the ciphertext written: set the plaintext back. */
    private void plaintextLoadedState(Object entity, EntityPersister persister, EntityEntry entry) {
        ShredCipher.Shredded shredded = cipher.of(entity);
        Object[] loaded = entry == null ? null : entry.getLoadedState();
        if (shredded == null || loaded == null) {
            return;
        }
        List<String> names = Arrays.asList(persister.getPropertyNames());
        Object[] current = persister.getValues(entity);
        for (String attribute : shredded.attributes()) {
            int index = names.indexOf(attribute);
            if (index >= 0) {
                loaded[index] = copy(current[index]);
            }
        }
    }

    /** Decrypts a loaded entity's CRYPTO_SHRED attributes, and its loaded state with them. */
    private void decrypt(EventSource session, EntityPersister persister, Object entity) {
        Map<String, Object> clear = cipher.decryptInPlace(entity);
        if (clear.isEmpty()) {
            return;
        }
        EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
        Object[] loaded = entry == null ? null : entry.getLoadedState();
        if (loaded != null) {
            List<String> names = Arrays.asList(persister.getPropertyNames());
            clear.forEach((attribute, value) -> {
                int index = names.indexOf(attribute);
                if (index >= 0) {
                    loaded[index] = copy(value);
                }
            });
        }
    }

    private static Object copy(Object value) {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        plaintextLoadedState(event.getEntity(), event.getPersister(),
                event.getSession().getPersistenceContextInternal().getEntry(event.getEntity()));
        List<String> all = Arrays.asList(event.getPersister().getPropertyNames());
        audited(event.getSession(), audit.written(event.getEntity(), AuditAction.CREATE, all));
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        plaintextLoadedState(event.getEntity(), event.getPersister(),
                event.getSession().getPersistenceContextInternal().getEntry(event.getEntity()));
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
        audited(event.getSession(), audit.written(event.getEntity(), AuditAction.UPDATE, changed));
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        List<String> all = Arrays.asList(event.getPersister().getPropertyNames());
        audited(event.getSession(), audit.written(event.getEntity(), AuditAction.DELETE, all));
    }

    @Override
    public void onFlush(FlushEvent event) {
        appendPending(event.getSession());
    }

    @Override
    public void onAutoFlush(AutoFlushEvent event) {
        appendPending(event.getSession());
    }

    /**
     * Keeps a write's audit for the end of the flush. The first of a transaction also registers, as Envers does,
     * an append before the transaction completes (for writes made outside a flush, such as an identity insert
     * under a manual flush mode) and the discarding of what is left when it has completed (a rollback).
     */
    private void audited(EventSource session, PendingAudit audit) {
        if (audit == null) {
            return;
        }
        WriteAuditBuffer buffer = pending.get(session);
        if (buffer == null) {
            buffer = new WriteAuditBuffer();
            pending.put(session, buffer);
            session.getActionQueue().registerProcess((BeforeTransactionCompletionProcess) this::appendPending);
            session.getActionQueue().registerProcess(
                    (AfterTransactionCompletionProcess) (success, completed) -> pending.remove(completed));
        }
        if (buffer.add(audit)) {
            appendPending(session);
        }
    }

    /** Appends the session's waiting audits on its connection, in its transaction. */
    private void appendPending(SharedSessionContractImplementor session) {
        WriteAuditBuffer buffer = pending.get(session);
        if (buffer == null || buffer.isEmpty()) {
            return;
        }
        List<PendingAudit> audits = buffer.drain();
        session.doWork(connection -> audit.append(connection, audits));
    }

    /**
     * After an update the entry's loaded state is what was written, the stored values where the mask is; set
     * the mask back into it, or the next flush would see the mask as a change and update again.
     */
    private static void remask(PostUpdateEvent event) {
        EntityEntry entry = event.getSession().getPersistenceContextInternal().getEntry(event.getEntity());
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
