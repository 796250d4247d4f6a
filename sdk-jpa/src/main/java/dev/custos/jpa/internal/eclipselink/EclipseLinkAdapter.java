// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.eclipselink;

import dev.custos.core.audit.AuditAction;
import dev.custos.jpa.internal.AccessGuard;
import dev.custos.jpa.internal.AttributeAccess;
import dev.custos.jpa.internal.LoadOutcome;
import dev.custos.jpa.internal.PendingAudit;
import dev.custos.jpa.internal.ProjectionGuard;
import dev.custos.jpa.internal.ReadScope;
import dev.custos.jpa.internal.ShredCipher;
import dev.custos.jpa.internal.WriteAudit;
import dev.custos.jpa.internal.WriteAuditBuffer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorEvent;
import org.eclipse.persistence.descriptors.DescriptorEventAdapter;
import org.eclipse.persistence.descriptors.DescriptorEventListener;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.internal.sessions.ObjectChangeSet;
import org.eclipse.persistence.internal.sessions.UnitOfWorkImpl;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.queries.WriteObjectQuery;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.UnitOfWork;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Hooks Custos into EclipseLink through descriptor events, and through a session event that refuses projections
 * of guarded attributes ({@link EclipseLinkProjections}). Checks run on the working copies an entity
 * manager hands out (built from the shared cache or the database alike), never on the shared cache's
 * originals, so a mask never leaks into the cache. The copies one read query registers are decided together, and
 * their read audits appended, when the query ends ({@link QueryBrackets}). A masked working copy's backup copy
 * is masked too, so the mask is no change: it is never written back, while other changes are saved as usual.
 * Writes are audited on the committing connection, a write pass's audits together at its end.
 * <p>
 * CRYPTO_SHRED attributes are encrypted in the row about to be inserted or updated (the entity and its backup
 * copy keep the plaintext), and decrypted whenever an object is built or refreshed, in every session, so the
 * shared cache holds plaintext and never ciphertext (null once the subject's key is gone).
 */
public final class EclipseLinkAdapter extends DescriptorEventAdapter {

    private final AccessGuard guard;
    private final WriteAudit audit;
    private final ShredCipher cipher;
    private final QueryBrackets brackets;
    private final MaskedBackups backups = new MaskedBackups();
    /** Each unit of work's write audits waiting for the end of its write pass; weak, so a released one is forgotten. */
    private final Map<Session, WriteAuditBuffer> pending = Collections.synchronizedMap(new WeakHashMap<>());

    private EclipseLinkAdapter(AccessGuard guard, WriteAudit audit, ShredCipher cipher) {
        this.guard = guard;
        this.audit = audit;
        this.cipher = cipher;
        this.brackets = new QueryBrackets(guard, this::checkCopy);
    }

    public static void install(EntityManagerFactory emf, AccessGuard guard, WriteAudit audit, ShredCipher cipher,
                               ProjectionGuard projections, String unitName) {
        EclipseLinkShapes.require(unitName);
        EclipseLinkAdapter adapter = new EclipseLinkAdapter(guard, audit, cipher);
        ServerSession session = (ServerSession) JpaHelper.getServerSession(emf);
        // client sessions and units of work copy the server session's listeners when they are made
        session.getEventManager().addListener(new EclipseLinkProjections(projections));
        session.getEventManager().addListener(adapter.writePasses());
        session.setExceptionHandler(new CarriedRefusal.Handler(session.getExceptionHandler(), adapter.brackets));
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            if (!descriptor.isAggregateDescriptor()) {
                descriptor.getEventManager().addListener(adapter);
                if (guard.guards(descriptor.getJavaClass())) {
                    adapter.brackets.install(descriptor);
                }
            }
        }
        EclipseLinkValidationMasks.hide(session, guard, unitName);
    }

    /**
     * Clears {@code attribute} of the managed {@code entity} on purpose (see {@code MaskedValues}): a masked
     * attribute's stored value goes back into the backup copy, so that the commit writes the null, refused or
     * audited as any write of the attribute.
     */
    public static void clearMasked(EntityManager em, Object entity, String attribute) {
        UnitOfWorkImpl unitOfWork = (UnitOfWorkImpl) em.unwrap(UnitOfWork.class);
        for (DescriptorEventListener listener
                : unitOfWork.getDescriptor(entity).getEventManager().getEventListeners()) {
            if (listener instanceof EclipseLinkAdapter adapter && adapter.guard.masks().clear(entity, attribute)) {
                adapter.backups.clear(unitOfWork, entity, attribute);
            }
        }
    }

    @Override
    public void postClone(DescriptorEvent event) {
        checkWorkingCopy(event);
    }

    @Override
    public void postBuild(DescriptorEvent event) {
        decrypt(event);
        // built straight into a unit of work when the shared cache is bypassed
        if (event.getSession().isUnitOfWork()) {
            checkWorkingCopy(event);
        }
    }

    @Override
    public void postRefresh(DescriptorEvent event) {
        decrypt(event);
        if (event.getSession().isUnitOfWork()) {
            checkWorkingCopy(event);
        }
    }

    @Override
    public void aboutToInsert(DescriptorEvent event) {
        encrypt(event);
    }

    @Override
    public void aboutToUpdate(DescriptorEvent event) {
        guard.refuseMaskedWrites(event.getSource());
        encrypt(event);
    }

    /** Replaces the plaintext of CRYPTO_SHRED attributes in the row to write with their ciphertext. */
    private void encrypt(DescriptorEvent event) {
        Object entity = event.getSource();
        ShredCipher.Shredded shredded = cipher.of(entity);
        if (shredded == null || event.getRecord() == null) {
            return;
        }
        byte[] key = null;
        for (String attribute : shredded.attributes()) {
            DatabaseMapping mapping = event.getDescriptor().getObjectBuilder().getMappingForAttributeName(attribute);
            DatabaseField field = mapping == null ? null : mapping.getField();
            if (field == null || !event.getRecord().containsKey(field)) {
                continue; // not written by this statement
            }
            Object value = event.getRecord().get(field);
            if (value == null) {
                continue;
            }
            if (key == null) {
                key = cipher.keyForWriting(cipher.subjectId(entity, shredded));
            }
            event.getRecord().put(field, ShredCipher.encrypt(key, value));
        }
    }

    /** Decrypts a built or refreshed object, and the backup copy of a working copy with it. */
    private void decrypt(DescriptorEvent event) {
        Object entity = event.getSource();
        Map<String, Object> clear = cipher.decryptInPlace(entity);
        if (clear.isEmpty() || !(event.getSession() instanceof UnitOfWorkImpl unitOfWork)) {
            return;
        }
        Object backup = unitOfWork.getCloneMapping().get(entity);
        if (backup != null && backup != entity) {
            clear.forEach((attribute, value) -> AttributeAccess.set(backup,
                    attribute, value instanceof byte[] bytes ? bytes.clone() : value));
        }
    }

    @Override
    public void postInsert(DescriptorEvent event) {
        audited(event, audit.written(event.getSource(), AuditAction.CREATE, attributes(event)));
    }

    @Override
    public void postUpdate(DescriptorEvent event) {
        ObjectChangeSet changes = event.getChangeSet();
        if (changes == null && event.getQuery() instanceof WriteObjectQuery write) {
            changes = write.getObjectChangeSet(); // postUpdate carries it on the query
        }
        List<String> changed = changes == null ? attributes(event) : changes.getChangedAttributeNames();
        audited(event, audit.written(event.getSource(), AuditAction.UPDATE, changed));
    }

    @Override
    public void postDelete(DescriptorEvent event) {
        audited(event, audit.written(event.getSource(), AuditAction.DELETE, attributes(event)));
    }

    /**
     * Keeps a write's audit for the end of the unit of work's write pass (a flush or a commit), appending at
     * once when {@link WriteAuditBuffer#LIMIT} wait, or when the write was not made by a unit of work.
     */
    private void audited(DescriptorEvent event, PendingAudit audit) {
        if (audit == null) {
            return;
        }
        Session session = event.getSession();
        if (!session.isUnitOfWork()) {
            this.audit.append(connection(session), List.of(audit));
            return;
        }
        WriteAuditBuffer buffer = pending.computeIfAbsent(session, s -> new WriteAuditBuffer());
        if (buffer.add(audit)) {
            this.audit.append(connection(session), buffer.drain());
        }
    }

    /**
     * Session events that bound a unit of work's write pass: it starts by calculating the changes, when anything
     * still waiting is left from a pass that failed and was rolled back, and, once its statements ran, EclipseLink
     * announces it "prepared", before the transaction commits: the audits are appended then.
     */
    private SessionEventAdapter writePasses() {
        return new SessionEventAdapter() {
            @Override
            public void preCalculateUnitOfWorkChangeSet(SessionEvent event) {
                WriteAuditBuffer buffer = pending.get(event.getSession());
                if (buffer != null) {
                    buffer.discard();
                }
            }

            @Override
            public void prepareUnitOfWork(SessionEvent event) {
                WriteAuditBuffer buffer = pending.get(event.getSession());
                if (buffer != null && !buffer.isEmpty()) {
                    audit.append(connection(event.getSession()), buffer.drain());
                }
            }

            @Override
            public void postReleaseUnitOfWork(SessionEvent event) {
                pending.remove(event.getSession());
                backups.released(event.getSession());
            }
        };
    }

    /** Decides a working copy at the end of its query ({@link QueryBrackets}), or at once outside every query. */
    private void checkWorkingCopy(DescriptorEvent event) {
        if (!(event.getSession() instanceof UnitOfWork unitOfWork)) {
            guard.afterLoad(event.getSource(), null); // no unit of work to keep it out of
        } else if (!brackets.defer(unitOfWork, event.getSource())) {
            checkCopy(unitOfWork, event.getSource(), null);
        }
    }

    /** Checks and masks one working copy; a refused copy is unregistered and the refusal thrown. */
    private void checkCopy(UnitOfWork unitOfWork, Object entity, ReadScope scope) {
        try {
            LoadOutcome outcome = guard.afterLoad(entity, scope);
            if (outcome.anyMasked() && unitOfWork instanceof UnitOfWorkImpl impl) {
                // Deferred change detection compares with a backup copy taken at registration: mask it too,
                // so the mask is no change, never written and never merged into the shared cache. (With
                // attribute change tracking there is no backup, and setting the field directly records nothing.)
                backups.mask(impl, entity, outcome.masked());
            }
        } catch (RuntimeException e) {
            // A refused copy must not stay in the unit of work: a later query would hand it out unchecked.
            unitOfWork.unregisterObject(entity);
            throw e;
        }
    }

    private static List<String> attributes(DescriptorEvent event) {
        return EclipseLinkShapes.mappings(event.getDescriptor()).stream().map(DatabaseMapping::getAttributeName)
                .toList();
    }

    private static Connection connection(Session session) {
        Accessor accessor = ((AbstractSession) session).getAccessor();
        return (Connection) accessor.getConnection();
    }
}
